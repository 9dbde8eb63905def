// A CDK BackupPlanRule that moves recovery points to cold storage after 30
// days and deletes them after 365: more than the 90 days cold storage needs.
import { App, Duration, Stack } from "aws-cdk-lib";
import * as backup from "aws-cdk-lib/aws-backup";
import * as events from "aws-cdk-lib/aws-events";

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
const plan = new backup.BackupPlan(stack, "Plan", { backupVault: vault });
plan.addRule(
  new backup.BackupPlanRule({
    ruleName: "Monthly",
    scheduleExpression: events.Schedule.cron({ day: "1", hour: "5", minute: "0" }),
    moveToColdStorageAfter: Duration.days(30),
    deleteAfter: Duration.days(365),
  }),
);
plan.addSelection("Tagged", { resources: [backup.BackupResource.fromTag("backup", "true")] });

app.synth();
