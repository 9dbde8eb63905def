// CDKTF form of the HCL case: subnet on the default provider (us-east-1), instance on aws.eu (eu-west-1).
import { Construct } from "constructs";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Instance } from "@cdktf/provider-aws/lib/instance";

class Main extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.main.tfstate" });
    new AwsProvider(this, "aws", { region: "us-east-1" });
    const eu = new AwsProvider(this, "aws-eu", { alias: "eu", region: "eu-west-1" });
    const vpc = new Vpc(this, "main", { cidrBlock: "10.0.0.0/16" });
    const subnet = new Subnet(this, "subnet-main", {
      vpcId: vpc.id,
      cidrBlock: "10.0.1.0/24",
      availabilityZone: "us-east-1a",
    });
    subnet.overrideLogicalId("main");
    new Instance(this, "app", {
      provider: eu,
      ami: "ami-0123456789abcdef0",
      instanceType: "t3.micro",
      subnetId: subnet.id,
    });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new Main(app, "main");
app.synth();
