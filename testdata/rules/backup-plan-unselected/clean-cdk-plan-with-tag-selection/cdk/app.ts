// A CDK BackupPlan built from BackupPlan.dailyWeeklyMonthly5YearRetention with
// addSelection by tag (BackupResource.fromTag): the plan has a selection.
import { App, Stack } from "aws-cdk-lib";
import * as backup from "aws-cdk-lib/aws-backup";

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
const plan = backup.BackupPlan.dailyWeeklyMonthly5YearRetention(stack, "Plan", vault);
plan.addSelection("Tagged", { resources: [backup.BackupResource.fromTag("backup", "true")] });

app.synth();
