// A two-region CDK app where each region's stack creates its own key and
// encrypts its queue with it: every key is used in its own region.
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

class RegionStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const key = new kms.Key(this, "DataKey", { enableKeyRotation: true });
    new sqs.Queue(this, "Jobs", {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
    });
  }
}

new RegionStack(app, "Eu", { env: { account: ACCOUNT, region: "eu-central-1" } });
new RegionStack(app, "Us", { env: { account: ACCOUNT, region: "us-east-1" } });

app.synth();
