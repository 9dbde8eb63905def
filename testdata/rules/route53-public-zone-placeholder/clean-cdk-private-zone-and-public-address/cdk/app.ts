// A CDK PrivateHostedZone (attached to the stack's VPC) whose ARecord points
// at a private address, and a PublicHostedZone whose ARecord points at a
// public address: neither is a placeholder.
import { App, Duration, Stack } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as route53 from "aws-cdk-lib/aws-route53";

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

const stack = new Stack(app, "Dns", { env: { account: ACCOUNT, region: "us-east-1" } });
const vpc = new ec2.Vpc(stack, "Vpc", {
  availabilityZones: ["us-east-1a", "us-east-1b"],
  natGateways: 0,
  subnetConfiguration: [{ name: "app", subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
});
const internal = new route53.PrivateHostedZone(stack, "Internal", { zoneName: "corp.internal", vpc });
new route53.ARecord(stack, "Db", {
  zone: internal,
  recordName: "db",
  target: route53.RecordTarget.fromIpAddresses("10.0.3.15"),
  ttl: Duration.minutes(1),
});
const zone = new route53.PublicHostedZone(stack, "Zone", { zoneName: "acme-shop.io" });
new route53.ARecord(stack, "Www", {
  zone,
  recordName: "www",
  target: route53.RecordTarget.fromIpAddresses("52.95.110.1"),
  ttl: Duration.minutes(5),
});

app.synth();
