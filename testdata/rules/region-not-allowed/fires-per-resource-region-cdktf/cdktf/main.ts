// Allowed: eu-central-1, eu-west-1. The provider is in eu-central-1; one queue sets its own
// region (AWS provider 6 per-resource `region`) to us-west-2, another to eu-west-1 (allowed).
// CDKTF only: the offline plan provider (5.x) has no per-resource region.
import { Construct } from "constructs";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";

class Main extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.main.tfstate" });
    new AwsProvider(this, "aws", { region: "eu-central-1" });
    new SqsQueue(this, "main", { name: "main" });
    new SqsQueue(this, "us", { name: "us", region: "us-west-2" });
    new SqsQueue(this, "ireland", { name: "ireland", region: "eu-west-1" });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new Main(app, "main");
app.synth();
