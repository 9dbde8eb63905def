// A CDK backup plan built from BackupPlan.daily35DayRetention that protects a
// DynamoDB table: its recovery points stay in eu-central-1, no rule copies
// them to another region.
import { App, Stack } from "aws-cdk-lib";
import * as backup from "aws-cdk-lib/aws-backup";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as kms from "aws-cdk-lib/aws-kms";

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

const stack = new Stack(app, "Backup", { env: { account: ACCOUNT, region: "eu-central-1" } });
const key = new kms.Key(stack, "VaultKey", { enableKeyRotation: true });
const vault = new backup.BackupVault(stack, "Vault", { encryptionKey: key });
const table = new dynamodb.Table(stack, "Orders", {
  partitionKey: { name: "id", type: dynamodb.AttributeType.STRING },
});
const plan = backup.BackupPlan.daily35DayRetention(stack, "Plan", vault);
plan.addSelection("Tables", { resources: [backup.BackupResource.fromDynamoDbTable(table)] });

app.synth();
