// A CDK BackupPlan in us-east-1 whose selection names a DynamoDB table of the
// same stack (BackupResource.fromDynamoDbTable) and an EBS volume by its ARN
// in us-east-1: everything selected is in the plan's region.
import { App, Stack } from "aws-cdk-lib";
import * as backup from "aws-cdk-lib/aws-backup";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";

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

const stack = new Stack(app, "Backup", { env: { account: ACCOUNT, region: "us-east-1" } });
const vault = new backup.BackupVault(stack, "Vault", { backupVaultName: "app-vault" });
const table = new dynamodb.Table(stack, "Orders", {
  partitionKey: { name: "id", type: dynamodb.AttributeType.STRING },
});
const plan = backup.BackupPlan.daily35DayRetention(stack, "Plan", vault);
plan.addSelection("Data", {
  resources: [
    backup.BackupResource.fromDynamoDbTable(table),
    backup.BackupResource.fromArn(`arn:aws:ec2:us-east-1:${ACCOUNT}:volume/vol-0123456789abcdef0`),
  ],
});

app.synth();
