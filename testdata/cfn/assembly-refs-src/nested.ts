// A stack with a nested stack (aws-cdk-lib NestedStack): the parent's key in
// us-east-1 is used by a log group of the nested stack (same region: fine),
// and the nested stack's queue ARN comes back to the parent as an output.
import { App, NestedStack, Stack, StackProps } from "aws-cdk-lib";
import * as kms from "aws-cdk-lib/aws-kms";
import * as logs from "aws-cdk-lib/aws-logs";
import * as sqs from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

class Inner extends NestedStack {
  readonly queue: sqs.Queue;
  constructor(scope: Construct, id: string, key: kms.IKey) {
    super(scope, id);
    new logs.LogGroup(this, "InnerLogs", { encryptionKey: key });
    this.queue = new sqs.Queue(this, "InnerQueue", { encryptionMasterKey: key });
  }
}

class Parent extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const key = new kms.Key(this, "ParentKey", { enableKeyRotation: false });
    const inner = new Inner(this, "Inner", key);
    new sqs.Queue(this, "Dlq", { encryptionMasterKey: key, retentionPeriod: undefined });
    new logs.CfnLogGroup(this, "UsesInner", { logGroupName: inner.queue.queueName });
  }
}

const app = new App({
  outdir: process.env.CDK_OUTDIR,
  analyticsReporting: false,
  context: {
    "aws:cdk:enable-path-metadata": true,
    "aws:cdk:enable-asset-metadata": true,
    "aws:cdk:disable-stack-trace": true,
    "aws:cdk:disable-creation-stack-traces": true,
  },
});
new Parent(app, "Parent", { env: { account: "111122223333", region: "us-east-1" } });
app.synth();
