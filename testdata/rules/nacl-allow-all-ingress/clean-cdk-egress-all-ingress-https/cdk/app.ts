// A CDK ec2.NetworkAcl that allows all traffic out (an EGRESS entry) but lets
// in only HTTPS and the ephemeral ports of the replies, from anywhere.
import { App, Stack } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";

const ACCOUNT = "111122223333";

const app = new App({
  outdir: process.env.CDK_OUTDIR ?? "cdk.out",
  analyticsReporting: false,
  // What the cdk CLI passes by default, without stack traces (paths of the
  // machine that synthesized): see scripts/synth-cdk-fixtures.sh.
  context: {
    "aws:cdk:enable-path-metadata": true,
    "aws:cdk:enable-asset-metadata": true,
    "aws:cdk:disable-stack-trace": true,
    "aws:cdk:disable-creation-stack-traces": true,
  },
});

const stack = new Stack(app, "Network", { env: { account: ACCOUNT, region: "eu-central-1" } });
const vpc = new ec2.Vpc(stack, "Vpc", {
  availabilityZones: ["eu-central-1a", "eu-central-1b"],
  natGateways: 0,
  subnetConfiguration: [{ name: "public", subnetType: ec2.SubnetType.PUBLIC }],
});
const acl = new ec2.NetworkAcl(stack, "PublicAcl", {
  vpc,
  subnetSelection: { subnetType: ec2.SubnetType.PUBLIC },
});
acl.addEntry("OutboundAll", {
  ruleNumber: 100,
  cidr: ec2.AclCidr.anyIpv4(),
  traffic: ec2.AclTraffic.allTraffic(),
  direction: ec2.TrafficDirection.EGRESS,
  ruleAction: ec2.Action.ALLOW,
});
acl.addEntry("InboundHttps", {
  ruleNumber: 100,
  cidr: ec2.AclCidr.anyIpv4(),
  traffic: ec2.AclTraffic.tcpPort(443),
  direction: ec2.TrafficDirection.INGRESS,
  ruleAction: ec2.Action.ALLOW,
});
acl.addEntry("InboundEphemeral", {
  ruleNumber: 110,
  cidr: ec2.AclCidr.anyIpv4(),
  traffic: ec2.AclTraffic.tcpPortRange(1024, 65535),
  direction: ec2.TrafficDirection.INGRESS,
  ruleAction: ec2.Action.ALLOW,
});

app.synth();
