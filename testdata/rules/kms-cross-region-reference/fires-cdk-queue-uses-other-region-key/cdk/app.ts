// A two-region CDK app: the us-east-1 stack encrypts its queue with the key of
// the eu-central-1 stack, passed across regions with crossRegionReferences
// (CDK writes the key ARN to an SSM parameter and reads it back with a custom
// resource). KMS keys are regional: the queue cannot use it.
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

class KeyStack extends Stack {
  readonly key: kms.Key;
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.key = new kms.Key(this, "DataKey", { enableKeyRotation: true });
  }
}

interface QueueStackProps extends StackProps {
  readonly key: kms.IKey;
}

class QueueStack extends Stack {
  constructor(scope: Construct, id: string, props: QueueStackProps) {
    super(scope, id, props);
    new sqs.Queue(this, "Jobs", {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key,
    });
  }
}

const keys = new KeyStack(app, "Keys", {
  env: { account: ACCOUNT, region: "eu-central-1" },
  crossRegionReferences: true,
});
new QueueStack(app, "Queues", {
  env: { account: ACCOUNT, region: "us-east-1" },
  crossRegionReferences: true,
  key: keys.key,
});

app.synth();
