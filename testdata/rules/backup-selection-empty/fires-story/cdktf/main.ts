// backup-selection-empty / fires-story: the product's story, one backup-selection-empty and no other backup finding
import { Construct } from "constructs";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { BackupPlan, BackupPlanRule } from "@cdktf/provider-aws/lib/backup-plan";
import { BackupSelection } from "@cdktf/provider-aws/lib/backup-selection";
import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";

// Helpers: top-level constructs, so each construct id is the Terraform logical id
// (the same addresses as the case's hcl/).
export function drProvider(s: Construct, defaultTags?: { [k: string]: string }): AwsProvider {
  new AwsProvider(s, "aws", { region: "us-east-1" });
  return new AwsProvider(s, "aws_dr", {
    alias: "dr",
    region: "us-west-2",
    defaultTags: defaultTags ? [{ tags: defaultTags }] : undefined,
  });
}

export function backupRole(s: Construct, service = "backup.amazonaws.com", policy?: string): IamRole {
  const trust = new DataAwsIamPolicyDocument(s, "backup_trust", {
    statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: [service] }] }],
  });
  const role = new IamRole(s, "backup", { name: "backup-service", assumeRolePolicy: trust.json });
  if (policy !== undefined) {
    new IamRolePolicyAttachment(s, "backup_attach", { role: role.name, policyArn: policy });
  }
  return role;
}

export const BACKUP_POLICY = "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup";

export function key(s: Construct, id: string, provider?: AwsProvider): KmsKey {
  return new KmsKey(s, id, { provider, description: `backup vault key ${id}`, enableKeyRotation: true });
}

export function vault(s: Construct, id: string, name: string, provider?: AwsProvider, kmsKeyArn?: string): BackupVault {
  return new BackupVault(s, id, { provider, name, kmsKeyArn });
}

export function plan(s: Construct, id: string, name: string, rule: BackupPlanRule[], provider?: AwsProvider): BackupPlan {
  return new BackupPlan(s, id, { provider, name, rule });
}

export function tagSelection(s: Construct, id: string, name: string, planId: string, roleArn: string, provider?: AwsProvider, tag = "backup"): BackupSelection {
  return new BackupSelection(s, id, {
    provider, name, planId, iamRoleArn: roleArn,
    selectionTag: [{ type: "STRINGEQUALS", key: tag, value: "true" }],
  });
}

export function volume(s: Construct, id: string, az: string, provider?: AwsProvider, tags?: { [k: string]: string }): EbsVolume {
  return new EbsVolume(s, id, { provider, availabilityZone: az, size: 20, encrypted: true, tags });
}

class CaseStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    const s = this;
    new AwsProvider(s, "aws", { region: "us-east-1" });
    const bp = new AwsProvider(s, "backup-provider", { alias: "backup", region: "us-west-2" });
    const role = backupRole(s, undefined, BACKUP_POLICY);
    const backupKey = new KmsKey(s, "backup_key", { provider: bp, description: "backup vault key (us-west-2)", enableKeyRotation: true });
    const v = vault(s, "vault", "tap-backup-vault", bp, backupKey.arn);
    const daily = plan(s, "daily", "tap-daily-backup", [{ ruleName: "Daily-Backup", targetVaultName: v.name, schedule: "cron(0 5 * * ? *)", startWindow: 60, completionWindow: 180, lifecycle: { deleteAfter: 35 } }], bp);
    tagSelection(s, "tagged", "tap-tagged-resources", daily.id, role.arn, bp);
    // primary region (us-east-1): the data
    const mainKey = key(s, "main_key");
    new EbsVolume(s, "app_data", { availabilityZone: "us-east-1a", size: 100, type: "gp3", encrypted: true, kmsKeyId: mainKey.arn, tags: { Name: "tap-app-data", backup: "true" } });
    new DbInstance(s, "app_db", { identifier: "tap-postgres", engine: "postgres", engineVersion: "15.7", instanceClass: "db.t3.medium", allocatedStorage: 50, storageEncrypted: true, kmsKeyId: mainKey.arn, username: "tapadmin", manageMasterUserPassword: true, skipFinalSnapshot: true, tags: { Name: "tap-postgres", backup: "true" } });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new CaseStack(app, "main");
app.synth();
