// A CDK BackupPlan whose vault is the BackupVault created in the same stack
// (its name reaches the plan's rule by Ref): the target vault exists.
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
const vault = new backup.BackupVault(stack, "Vault", { backupVaultName: "app-vault-prod" });
const table = new dynamodb.Table(stack, "Orders", {
  partitionKey: { name: "id", type: dynamodb.AttributeType.STRING },
});
const plan = new backup.BackupPlan(stack, "Plan", {
  backupVault: vault,
  backupPlanRules: [backup.BackupPlanRule.daily()],
});
plan.addSelection("Tables", { resources: [backup.BackupResource.fromDynamoDbTable(table)] });

app.synth();
