// backup-copy-same-region / clean-copy-region-argument
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
    drProvider(s);
    const role = backupRole(s, undefined, BACKUP_POLICY);
    const main = vault(s, "main", "main-vault", undefined, key(s, "main_key").arn);
    const drVault = new BackupVault(s, "dr", { region: "us-west-2", name: "dr-vault" }); // provider 6 region argument
    const daily = plan(s, "daily", "daily", [{ ruleName: "daily", targetVaultName: main.name, schedule: "cron(0 5 ? * * *)", lifecycle: { deleteAfter: 35 }, copyAction: [{ destinationVaultArn: drVault.arn }] }]);
    tagSelection(s, "tagged", "tagged", daily.id, role.arn);
    volume(s, "data", "us-east-1a", undefined, { backup: "true" });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new CaseStack(app, "main");
app.synth();
