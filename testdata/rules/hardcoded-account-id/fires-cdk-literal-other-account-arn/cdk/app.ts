// A CDK role whose policy grants sending to a queue by an ARN with an account
// id written out, and a log group encrypted with a key imported by a literal
// ARN: the app cannot be deployed to another account.
import { App, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
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
const role = new iam.Role(stack, "Worker", {
  assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
});
role.addToPolicy(new iam.PolicyStatement({
  actions: ["sqs:SendMessage"],
  resources: ["arn:aws:sqs:eu-central-1:444455556666:orders"],
}));
const key = kms.Key.fromKeyArn(stack, "SharedKey",
  "arn:aws:kms:eu-central-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab");
new logs.LogGroup(stack, "AppLogs", { logGroupName: "/acme/app", encryptionKey: key });

app.synth();
