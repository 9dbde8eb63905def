// A CDK role granted logs:CreateLogStream and logs:PutLogEvents on a log group
// ARN built with stack.formatArn, without the `:*` that log stream ARNs need:
// writing logs fails with AccessDenied.
import { App, ArnFormat, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";

const ACCOUNT = "111122223333";

const app = new App({
  outdir: process.env.CDK_OUTDIR ?? "cdk.out",
  analyticsReporting: false,
  // What the cdk CLI passes by default, without stack traces (paths of the
  // machine that synthesized): see scripts/synth-cdk-fixtures.sh.
  context: {
    "aws:cdk:enable-path-metadata": true,
    "aws:cdk:enable-asset-metadata": true,
    "aws:cdk:disable-stack-trace": true,
    "aws:cdk:disable-creation-stack-traces": true,
  },
});

const stack = new Stack(app, "App", { env: { account: ACCOUNT, region: "eu-central-1" } });
const role = new iam.Role(stack, "Writer", {
  assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
});
role.addToPolicy(new iam.PolicyStatement({
  actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
  resources: [stack.formatArn({
    service: "logs",
    resource: "log-group",
    resourceName: "/acme/app",
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  })],
}));

app.synth();
