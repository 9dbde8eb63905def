// A CDK backup plan in eu-central-1 copying every recovery point to a vault in
// us-east-1, whose ARN stack.formatArn builds with the region given: another
// region.
import { App, ArnFormat, Duration, Stack } from "aws-cdk-lib";
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
const vault = new backup.BackupVault(stack, "Vault", { backupVaultName: "acme-primary", encryptionKey: key });
const drVault = backup.BackupVault.fromBackupVaultArn(stack, "DrVault", stack.formatArn({
  service: "backup",
  region: "us-east-1",
  resource: "backup-vault",
  resourceName: "acme-dr",
  arnFormat: ArnFormat.COLON_RESOURCE_NAME,
}));
const table = new dynamodb.Table(stack, "Orders", {
  partitionKey: { name: "id", type: dynamodb.AttributeType.STRING },
});
const plan = new backup.BackupPlan(stack, "Plan", { backupPlanName: "acme-daily", backupVault: vault });
plan.addRule(new backup.BackupPlanRule({
  ruleName: "DailyWithDrCopy",
  deleteAfter: Duration.days(35),
  copyActions: [{ destinationBackupVault: drVault, deleteAfter: Duration.days(35) }],
}));
plan.addSelection("Tables", { resources: [backup.BackupResource.fromDynamoDbTable(table)] });

app.synth();
