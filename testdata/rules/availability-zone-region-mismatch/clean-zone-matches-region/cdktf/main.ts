// CDKTF form of the HCL case: every zone in its resource's region (a Local Zone included).
import { Construct } from "constructs";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";

class Main extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.main.tfstate" });
    new AwsProvider(this, "aws", { region: "us-east-1" });
    const eu = new AwsProvider(this, "aws-eu", { alias: "eu", region: "eu-west-1" });
    new EbsVolume(this, "data", { availabilityZone: "us-east-1a", size: 100, encrypted: true });
    const us = new Vpc(this, "us", { cidrBlock: "10.0.0.0/16" });
    new Subnet(this, "boston", { vpcId: us.id, cidrBlock: "10.0.9.0/24", availabilityZone: "us-east-1-bos-1a" });
    const euVpc = new Vpc(this, "eu", { provider: eu, cidrBlock: "10.1.0.0/16" });
    new Subnet(this, "eu-subnet", {
      provider: eu,
      vpcId: euVpc.id,
      cidrBlock: "10.1.1.0/24",
      availabilityZone: "eu-west-1b",
    }).overrideLogicalId("eu");
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new Main(app, "main");
app.synth();
