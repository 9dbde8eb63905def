// Two stacks in two regions joined by CDK's crossRegionReferences: a KMS key
// in us-east-1 used by a log group in eu-central-1 (the key must be in the
// log group's region: kms-cross-region-reference), and a queue ARN passed
// the same way. Also a same-region export/import (CfnOutput exportName +
// Fn.importValue) between two stacks in us-east-1.
import { App, CfnOutput, Fn, Stack, StackProps } from "aws-cdk-lib";
import * as kms from "aws-cdk-lib/aws-kms";
import * as logs from "aws-cdk-lib/aws-logs";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

const ACCOUNT = "111122223333";

class KeyStack extends Stack {
  readonly key: kms.Key;
  readonly queue: sqs.Queue;
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    this.key = new kms.Key(this, "SharedKey", { enableKeyRotation: true });
    this.queue = new sqs.Queue(this, "Events");
    new CfnOutput(this, "KeyArnOut", { value: this.key.keyArn, exportName: "shared-key-arn" });
  }
}

class LogStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { key: kms.IKey }) {
    super(scope, id, props);
    new logs.LogGroup(this, "AppLogs", { encryptionKey: props.key });
  }
}

class ImportStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    new logs.CfnLogGroup(this, "Imported", { kmsKeyId: Fn.importValue("shared-key-arn") });
  }
}

// CDK_REFS=weak: the newer mechanism (Fn::GetStackOutput on a plain output).
const app = new App({
  outdir: process.env.CDK_OUTDIR,
  analyticsReporting: false,
  // What the cdk CLI passes by default (as examples/cdk-two-region/bin/app.ts).
  context: {
    "aws:cdk:enable-path-metadata": true,
    "aws:cdk:enable-asset-metadata": true,
    "aws:cdk:disable-stack-trace": true,
    "aws:cdk:disable-creation-stack-traces": true,
    "@aws-cdk/core:defaultCrossStackReferences": process.env.CDK_REFS ?? "strong",
  },
});
const keys = new KeyStack(app, "Keys", {
  env: { account: ACCOUNT, region: "us-east-1" },
  crossRegionReferences: true,
});
new LogStack(app, "Logs", {
  env: { account: ACCOUNT, region: "eu-central-1" },
  crossRegionReferences: true,
  key: keys.key,
});
new ImportStack(app, "Importer", { env: { account: ACCOUNT, region: "us-east-1" } });
app.synth();
