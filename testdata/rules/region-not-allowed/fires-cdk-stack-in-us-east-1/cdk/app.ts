// A CDK app whose policy (policy.hcl) allows eu-central-1 and eu-west-1 only:
// the primary stack is in eu-central-1, but a second stack of the same
// construct is deployed to us-east-1.
import { App, Stack, StackProps } from "aws-cdk-lib";
import * as logs from "aws-cdk-lib/aws-logs";
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

class AppStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    new logs.LogGroup(this, "AppLogs", { retention: logs.RetentionDays.ONE_MONTH });
    new sqs.Queue(this, "Jobs", { encryption: sqs.QueueEncryption.SQS_MANAGED });
  }
}

new AppStack(app, "Primary", { env: { account: ACCOUNT, region: "eu-central-1" } });
new AppStack(app, "Secondary", { env: { account: ACCOUNT, region: "us-east-1" } });

app.synth();
