// A two-region CDK app: the eu-central-1 plan copies every recovery point to
// the vault the us-east-1 stack defines, passed across regions with
// crossRegionReferences.
import { App, Duration, Stack, StackProps } from "aws-cdk-lib";
import * as backup from "aws-cdk-lib/aws-backup";
import * as dynamodb from "aws-cdk-lib/aws-dynamodb";
import * as kms from "aws-cdk-lib/aws-kms";
import { Construct } from "constructs";

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

class DrStack extends Stack {
  readonly vault: backup.BackupVault;
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const key = new kms.Key(this, "DrKey", { enableKeyRotation: true });
    this.vault = new backup.BackupVault(this, "DrVault", { backupVaultName: "acme-dr", encryptionKey: key });
  }
}

interface PrimaryStackProps extends StackProps {
  readonly drVault: backup.IBackupVault;
}

class PrimaryStack extends Stack {
  constructor(scope: Construct, id: string, props: PrimaryStackProps) {
    super(scope, id, props);
    const key = new kms.Key(this, "VaultKey", { enableKeyRotation: true });
    const vault = new backup.BackupVault(this, "Vault", { backupVaultName: "acme-primary", encryptionKey: key });
    const table = new dynamodb.Table(this, "Orders", {
      partitionKey: { name: "id", type: dynamodb.AttributeType.STRING },
    });
    const plan = new backup.BackupPlan(this, "Plan", { backupPlanName: "acme-daily", backupVault: vault });
    plan.addRule(new backup.BackupPlanRule({
      ruleName: "DailyWithDrCopy",
      deleteAfter: Duration.days(35),
      copyActions: [{ destinationBackupVault: props.drVault, deleteAfter: Duration.days(35) }],
    }));
    plan.addSelection("Tables", { resources: [backup.BackupResource.fromDynamoDbTable(table)] });
  }
}

const dr = new DrStack(app, "Dr", {
  env: { account: ACCOUNT, region: "us-east-1" },
  crossRegionReferences: true,
});
new PrimaryStack(app, "Primary", {
  env: { account: ACCOUNT, region: "eu-central-1" },
  crossRegionReferences: true,
  drVault: dr.vault,
});

app.synth();
