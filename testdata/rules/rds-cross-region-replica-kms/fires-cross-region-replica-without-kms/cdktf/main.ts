// CDKTF form of the case: an encrypted primary in us-east-1 with read replicas.
// The eu-central-1 replica sets no kms_key_id (finding); the us-east-1 one needs none.
import { Construct } from "constructs";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { DbInstance } from "@cdktf/provider-aws/lib/db-instance";

class RdsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.rds.tfstate" });

    new AwsProvider(this, "aws", { region: "us-east-1" });
    const eu = new AwsProvider(this, "aws-eu", { alias: "eu", region: "eu-central-1" });

    const usKey = new KmsKey(this, "us_key", { description: "us database key", enableKeyRotation: true });

    const primary = new DbInstance(this, "primary", {
      identifier: "app-primary",
      engine: "postgres",
      engineVersion: "15.7",
      instanceClass: "db.t3.medium",
      allocatedStorage: 50,
      storageEncrypted: true,
      kmsKeyId: usKey.arn,
      username: "appadmin",
      manageMasterUserPassword: true,
      backupRetentionPeriod: 7,
      skipFinalSnapshot: true,
    });

    new DbInstance(this, "eu_replica", {
      provider: eu,
      identifier: "app-replica-eu",
      replicateSourceDb: primary.arn,
      instanceClass: "db.t3.medium",
      storageEncrypted: true,
      skipFinalSnapshot: true,
    });

    new DbInstance(this, "us_replica", {
      identifier: "app-replica-us",
      replicateSourceDb: primary.identifier,
      instanceClass: "db.t3.medium",
      storageEncrypted: true,
      skipFinalSnapshot: true,
    });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new RdsStack(app, "rds");
app.synth();
