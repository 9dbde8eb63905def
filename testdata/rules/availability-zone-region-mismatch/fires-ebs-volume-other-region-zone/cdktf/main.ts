// CDKTF form of the HCL case: a us-east-1 volume in eu-central-1b, another one in us-east-1b.
import { Construct } from "constructs";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume";

class Main extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.main.tfstate" });
    new AwsProvider(this, "aws", { region: "us-east-1" });
    new EbsVolume(this, "data", { availabilityZone: "eu-central-1b", size: 100, encrypted: true });
    new EbsVolume(this, "logs", { availabilityZone: "us-east-1b", size: 20, encrypted: true });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new Main(app, "main");
app.synth();
