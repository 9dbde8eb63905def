// A CDK stack with an explicit env account: CDK writes that account into the
// ARNs it builds (the default key policy's root principal, stack.formatArn, a
// role's grants), which the app re-synthesizes per account. Not a hardcoded
// account.
import { App, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as sqs from "aws-cdk-lib/aws-sqs";

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
const key = new kms.Key(stack, "DataKey", { enableKeyRotation: true });
const queue = new sqs.Queue(stack, "Jobs", {
  encryption: sqs.QueueEncryption.KMS,
  encryptionMasterKey: key,
});
const role = new iam.Role(stack, "Worker", {
  assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
});
queue.grantSendMessages(role);
role.addToPolicy(new iam.PolicyStatement({
  actions: ["ssm:GetParameter"],
  resources: [stack.formatArn({ service: "ssm", resource: "parameter", resourceName: "acme/*" })],
}));

app.synth();
