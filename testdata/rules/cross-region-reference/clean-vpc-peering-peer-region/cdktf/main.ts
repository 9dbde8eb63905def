// CDKTF form of the HCL case: inter-region VPC peering (requester us-east-1, peer and accepter eu-west-1).
import { Construct } from "constructs";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcPeeringConnection } from "@cdktf/provider-aws/lib/vpc-peering-connection";
import { VpcPeeringConnectionAccepterA } from "@cdktf/provider-aws/lib/vpc-peering-connection-accepter";

class Main extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.main.tfstate" });
    new AwsProvider(this, "aws", { region: "us-east-1" });
    const eu = new AwsProvider(this, "aws-eu", { alias: "eu", region: "eu-west-1" });
    const us = new Vpc(this, "us", { cidrBlock: "10.0.0.0/16" });
    const euVpc = new Vpc(this, "eu", { provider: eu, cidrBlock: "10.1.0.0/16" });
    const peering = new VpcPeeringConnection(this, "us_eu", {
      vpcId: us.id,
      peerVpcId: euVpc.id,
      peerRegion: "eu-west-1",
    });
    new VpcPeeringConnectionAccepterA(this, "eu_accepter", {
      provider: eu,
      vpcPeeringConnectionId: peering.id,
      autoAccept: true,
    }).overrideLogicalId("eu");
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new Main(app, "main");
app.synth();
