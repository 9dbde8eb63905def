// A CDK log group encrypted with a kms.Key whose policy grants CloudWatch Logs
// of the stack's region encrypt and decrypt (key.grantEncryptDecrypt on the
// logs service principal), the way the CDK documentation suggests.
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
key.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`));
new logs.LogGroup(stack, "AppLogs", {
  logGroupName: "/acme/app",
  encryptionKey: key,
  retention: logs.RetentionDays.ONE_MONTH,
});

app.synth();
