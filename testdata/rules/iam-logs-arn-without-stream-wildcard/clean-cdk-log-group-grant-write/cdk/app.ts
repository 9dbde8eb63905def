// A CDK role given logGroup.grantWrite: CDK grants logs:CreateLogStream and
// logs:PutLogEvents on the log group's Arn attribute, which CloudFormation
// returns with the trailing `:*`.
import { App, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as logs from "aws-cdk-lib/aws-logs";

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
const logGroup = new logs.LogGroup(stack, "AppLogs", { retention: logs.RetentionDays.ONE_MONTH });
logGroup.grantWrite(role);

app.synth();
