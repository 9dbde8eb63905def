// CDK backup rules with the schedules CDK writes itself: events.Schedule.cron
// (a six-field AWS cron with `?`) and BackupPlanRule.weekly(). (CDK itself
// refuses a rate expression for a backup rule.)
import { App, Stack } from "aws-cdk-lib";
import * as backup from "aws-cdk-lib/aws-backup";
import * as events from "aws-cdk-lib/aws-events";
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
const plan = new backup.BackupPlan(stack, "Plan", { backupVault: vault });
plan.addRule(new backup.BackupPlanRule({
  ruleName: "Nightly",
  scheduleExpression: events.Schedule.cron({ minute: "0", hour: "5" }),
}));
plan.addRule(backup.BackupPlanRule.weekly());

app.synth();
