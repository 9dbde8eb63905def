// One provider (us-east-1); the DR vault sets its own region (AWS provider 6 per-resource
// `region`) to us-west-2. Both required regions host a resource. CDKTF only: the offline
// plan provider (5.x) has no per-resource region.
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
    new S3Bucket(this, "data", { bucket: "data-111122223333" });
    new BackupVault(this, "dr", { name: "dr", region: "us-west-2" });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new Main(app, "main");
app.synth();
