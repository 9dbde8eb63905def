// CDKTF form of the case: a multi-region primary key in us-east-1 and its replica in
// eu-central-1; each region's resources use the copy in their own region.
import { Construct } from "constructs";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsReplicaKey } from "@cdktf/provider-aws/lib/kms-replica-key";
import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";

class KmsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.kms.tfstate" });

    new AwsProvider(this, "aws", { region: "us-east-1" });
    const eu = new AwsProvider(this, "aws-eu", { alias: "eu", region: "eu-central-1" });

    const primary = new KmsKey(this, "primary", {
      description: "app multi-region key",
      multiRegion: true,
      enableKeyRotation: true,
    });

    const euReplica = new KmsReplicaKey(this, "eu_replica", {
      provider: eu,
      description: "app multi-region key (eu replica)",
      primaryKeyArn: primary.arn,
    });

    new EbsVolume(this, "us_data", {
      availabilityZone: "us-east-1a",
      size: 10,
      encrypted: true,
      kmsKeyId: primary.arn,
    });

    new EbsVolume(this, "eu_data", {
      provider: eu,
      availabilityZone: "eu-central-1a",
      size: 10,
      encrypted: true,
      kmsKeyId: euReplica.arn,
    });

    new BackupVault(this, "eu_vault", {
      provider: eu,
      name: "app-eu-vault",
      kmsKeyArn: euReplica.arn,
    });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new KmsStack(app, "kms");
app.synth();
