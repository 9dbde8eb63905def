// A two-region CDK app that uses customer-managed keys: the eu-central-1 stack
// encrypts its queue with a kms.Key of its own, but the us-east-1 stack
// creates no key, so its queue falls back to the AWS managed aws/sqs key.
import { App, Stack, StackProps } from "aws-cdk-lib";
import * as kms from "aws-cdk-lib/aws-kms";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

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

class PrimaryStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const key = new kms.Key(this, "DataKey", { enableKeyRotation: true });
    new sqs.Queue(this, "Jobs", { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key });
  }
}

class DrStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    new sqs.Queue(this, "Jobs", { encryption: sqs.QueueEncryption.KMS_MANAGED });
  }
}

new PrimaryStack(app, "Primary", { env: { account: ACCOUNT, region: "eu-central-1" } });
new DrStack(app, "Dr", { env: { account: ACCOUNT, region: "us-east-1" } });

app.synth();
