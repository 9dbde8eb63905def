// A CDK log group encrypted with a kms.Key whose policy has the statement the
// CloudWatch Logs documentation gives (the logs principal of the stack's
// region, Encrypt*/Decrypt*/ReEncrypt*/GenerateDataKey*/Describe*, the
// encryption-context condition), added with addToResourcePolicy.
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

const stack = new Stack(app, "Logs", { env: { account: ACCOUNT, region: "eu-central-1" } });
const key = new kms.Key(stack, "LogsKey", { enableKeyRotation: true });
key.addToResourcePolicy(new iam.PolicyStatement({
  sid: "AllowCloudWatchLogs",
  principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
  actions: ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
  resources: ["*"],
  conditions: {
    ArnLike: {
      "kms:EncryptionContext:aws:logs:arn": `arn:aws:logs:${stack.region}:${stack.account}:log-group:*`,
    },
  },
}));
new logs.LogGroup(stack, "AppLogs", {
  logGroupName: "/acme/app",
  encryptionKey: key,
  retention: logs.RetentionDays.ONE_MONTH,
});

app.synth();
