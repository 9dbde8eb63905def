// The provider has no region, but every regional resource sets its own (AWS provider 6
// per-resource `region`): all resolve. CDKTF only: the offline plan provider (5.x) has no
// per-resource region.
import { Construct } from "constructs";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";

class Main extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.main.tfstate" });
    new AwsProvider(this, "aws", {});
    new S3Bucket(this, "data", { bucket: "data-111122223333", region: "eu-west-1" });
    new SqsQueue(this, "jobs", { name: "jobs", region: "us-east-1" });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new Main(app, "main");
app.synth();
