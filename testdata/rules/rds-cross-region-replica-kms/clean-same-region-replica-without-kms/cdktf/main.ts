// CDKTF form of the case: an encrypted primary in us-east-1 with read replicas.
// Only same-region replicas, without kms_key_id: fine.
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

    new DbInstance(this, "us_replica", {
      identifier: "app-replica-us",
      replicateSourceDb: primary.arn,
      instanceClass: "db.t3.medium",
      storageEncrypted: true,
      skipFinalSnapshot: true,
    });

    new DbInstance(this, "us_replica_by_id", {
      identifier: "app-replica-us-2",
      replicateSourceDb: primary.identifier,
      instanceClass: "db.t3.medium",
      skipFinalSnapshot: true,
    });

    new KmsKey(this, "eu_key", { provider: eu, description: "eu key", enableKeyRotation: true });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new RdsStack(app, "rds");
app.synth();
