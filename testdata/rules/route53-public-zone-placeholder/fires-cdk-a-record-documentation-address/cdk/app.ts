// A CDK PublicHostedZone for the shop's real domain whose ARecord was left
// pointing at 192.0.2.10 (TEST-NET-1, a documentation address): everyone
// resolves www to an address that serves nothing.
import { App, Duration, Stack } from "aws-cdk-lib";
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
const zone = new route53.PublicHostedZone(stack, "Zone", { zoneName: "acme-shop.io" });
new route53.ARecord(stack, "Www", {
  zone,
  recordName: "www",
  target: route53.RecordTarget.fromIpAddresses("192.0.2.10"),
  ttl: Duration.minutes(5),
});

app.synth();
