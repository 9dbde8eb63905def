// Cross-region AWS Backup, as first written: the backup side lives entirely in us-west-2,
// but the data it is meant to protect lives in us-east-1.
//
// Stack "TapStack" (construct paths "TapStack/..."):
// - default provider "aws" in us-east-1, aliased provider "backup" in us-west-2;
// - one KMS key per region (Backup-KMS-Key on the backup provider, Main-KMS-Key on the default one);
// - vault, plan (daily, delete_after 35, target_vault_name = vault name) and tag-based selection
//   (backup = "true"), ALL on the backup provider (us-west-2);
// - the selection's IAM role comes from a nested construct (BackupRole) and trusts backup.amazonaws.com;
// - an EBS volume and an RDS instance tagged backup = "true" on the DEFAULT provider (us-east-1).
// The selection in us-west-2 cannot select resources in us-east-1: the primary region's data has no
// backup at all, and no copy is made across regions.
import { Construct } from "constructs";
import { App, S3Backend, TerraformOutput, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsAlias } from "@cdktf/provider-aws/lib/kms-alias";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { BackupPlan } from "@cdktf/provider-aws/lib/backup-plan";
import { BackupSelection } from "@cdktf/provider-aws/lib/backup-selection";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";

interface BackupRoleProps {
  provider: AwsProvider;
  roleName: string;
}

// Nested construct: its resources get logical ids BackupRole_<Child>_<HASH>.
class BackupRole extends Construct {
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: BackupRoleProps) {
    super(scope, id);

    this.role = new IamRole(this, "Role", {
      provider: props.provider,
      name: props.roleName,
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "backup.amazonaws.com" },
            Action: "sts:AssumeRole",
          },
        ],
      }),
    });

    new IamRolePolicyAttachment(this, "ServicePolicy", {
      provider: props.provider,
      role: this.role.name,
      policyArn: "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
    });
  }
}

class TapStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    new S3Backend(this, {
      bucket: "tap-terraform-state",
      key: "tap-stack/terraform.tfstate",
      region: "eu-west-1",
      encrypt: true,
    });

    const tags = { Project: "tap", ManagedBy: "cdktf" };

    // Default provider (no alias): us-east-1.
    new AwsProvider(this, "aws", {
      region: "us-east-1",
      defaultTags: [{ tags }],
    });

    // Aliased provider for the backup region: us-west-2.
    const backupProvider = new AwsProvider(this, "backup-provider", {
      alias: "backup",
      region: "us-west-2",
      defaultTags: [{ tags: { ...tags, Purpose: "backup" } }],
    });

    const current = new DataAwsCallerIdentity(this, "current", {});
    const rootPrincipal = `arn:aws:iam::${current.accountId}:root`;

    // --- backup region (us-west-2) ---------------------------------------------------------

    const backupKey = new KmsKey(this, "Backup-KMS-Key", {
      provider: backupProvider,
      description: "TAP backup vault key (us-west-2)",
      enableKeyRotation: true,
      deletionWindowInDays: 10,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "Enable IAM User Permissions",
            Effect: "Allow",
            Principal: { AWS: rootPrincipal },
            Action: "kms:*",
            Resource: "*",
          },
          {
            Sid: "Allow AWS Backup",
            Effect: "Allow",
            Principal: { Service: "backup.amazonaws.com" },
            Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey", "kms:CreateGrant"],
            Resource: "*",
          },
        ],
      }),
    });

    new KmsAlias(this, "Backup-KMS-Alias", {
      provider: backupProvider,
      name: "alias/tap-backup",
      targetKeyId: backupKey.keyId,
    });

    const vault = new BackupVault(this, "BackupVault", {
      provider: backupProvider,
      name: "tap-backup-vault",
      kmsKeyArn: backupKey.arn,
    });

    const plan = new BackupPlan(this, "BackupPlan", {
      provider: backupProvider,
      name: "tap-daily-backup",
      rule: [
        {
          ruleName: "Daily-Backup",
          targetVaultName: vault.name,
          schedule: "cron(0 5 * * ? *)",
          startWindow: 60,
          completionWindow: 180,
          lifecycle: { deleteAfter: 35 },
          recoveryPointTags: { "backup-schedule": "daily" },
        },
      ],
    });

    const backupRole = new BackupRole(this, "BackupRole", {
      provider: backupProvider,
      roleName: "tap-backup-service-role",
    });

    new BackupSelection(this, "BackupSelection", {
      provider: backupProvider,
      name: "tap-tagged-resources",
      planId: plan.id,
      iamRoleArn: backupRole.role.arn,
      selectionTag: [{ type: "STRINGEQUALS", key: "backup", value: "true" }],
    });

    // --- primary region (us-east-1): the data -------------------------------------------

    const mainKey = new KmsKey(this, "Main-KMS-Key", {
      description: "TAP main data key (us-east-1)",
      enableKeyRotation: true,
      deletionWindowInDays: 10,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "Enable IAM User Permissions",
            Effect: "Allow",
            Principal: { AWS: rootPrincipal },
            Action: "kms:*",
            Resource: "*",
          },
        ],
      }),
    });

    new KmsAlias(this, "Main-KMS-Alias", {
      name: "alias/tap-main",
      targetKeyId: mainKey.keyId,
    });

    const volume = new EbsVolume(this, "App-Data-Volume", {
      availabilityZone: "us-east-1a",
      size: 100,
      type: "gp3",
      encrypted: true,
      kmsKeyId: mainKey.arn,
      tags: { Name: "tap-app-data", backup: "true" },
    });

    const database = new DbInstance(this, "App-Database", {
      identifier: "tap-postgres",
      engine: "postgres",
      engineVersion: "15.7",
      instanceClass: "db.t3.medium",
      allocatedStorage: 50,
      storageEncrypted: true,
      kmsKeyId: mainKey.arn,
      username: "tapadmin",
      manageMasterUserPassword: true,
      backupRetentionPeriod: 7,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: "tap-postgres-final",
      tags: { Name: "tap-postgres", backup: "true" },
    });

    new TerraformOutput(this, "backup_vault_arn", { value: vault.arn });
    new TerraformOutput(this, "backup_plan_id", { value: plan.id });
    new TerraformOutput(this, "app_volume_id", { value: volume.id });
    new TerraformOutput(this, "database_arn", { value: database.arn });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new TapStack(app, "TapStack");
app.synth();
