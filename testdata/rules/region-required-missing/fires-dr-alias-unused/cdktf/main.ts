// CDKTF form of the HCL case: a us-west-2 DR provider that no resource uses.
import { Construct } from "constructs";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";

class Main extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.main.tfstate" });
    new AwsProvider(this, "aws", { region: "us-east-1" });
    new AwsProvider(this, "aws-dr", { alias: "dr", region: "us-west-2" });
    new S3Bucket(this, "data", { bucket: "data-111122223333" });
    new BackupVault(this, "main", { name: "main" });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new Main(app, "main");
app.synth();
