// A CDK backup rule whose schedule is written as a Unix five-field cron
// through events.Schedule.expression: AWS Backup wants six fields with one day
// field `?`.
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
  scheduleExpression: events.Schedule.expression("cron(0 5 * * *)"),
}));

app.synth();
