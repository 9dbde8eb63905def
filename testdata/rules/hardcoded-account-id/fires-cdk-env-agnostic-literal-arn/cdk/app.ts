// An environment-agnostic CDK stack (no account in its env, so it deploys to
// whatever account the CLI's credentials name) whose role may send to a queue
// by an ARN with the account written out: deployed to staging, it still
// grants the production account's queue. `Stack.of(this).formatArn(...)` (or
// `Aws.ACCOUNT_ID`) gives the account it is deployed to.
import { App, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";

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

const stack = new Stack(app, "App", { env: { region: "eu-central-1" } });
const role = new iam.Role(stack, "Worker", {
  assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
});
role.addToPolicy(new iam.PolicyStatement({
  actions: ["sqs:SendMessage"],
  resources: ["arn:aws:sqs:eu-central-1:111122223333:orders"],
}));

app.synth();
