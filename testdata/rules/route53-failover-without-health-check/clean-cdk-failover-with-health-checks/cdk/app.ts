// A failover pair written with route53.CfnRecordSet, each record with its own
// route53.CfnHealthCheck: Route 53 fails over when the primary is unhealthy.
import { App, Stack } from "aws-cdk-lib";
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
const check = (id: string, host: string) =>
  new route53.CfnHealthCheck(stack, id, {
    healthCheckConfig: { type: "HTTPS", fullyQualifiedDomainName: host, resourcePath: "/health" },
  });
const primaryCheck = check("PrimaryCheck", "primary.acme-shop.io");
const secondaryCheck = check("SecondaryCheck", "secondary.acme-shop.io");
new route53.CfnRecordSet(stack, "AppPrimary", {
  hostedZoneId: zone.hostedZoneId,
  name: "app.acme-shop.io",
  type: "A",
  ttl: "60",
  setIdentifier: "primary",
  failover: "PRIMARY",
  healthCheckId: primaryCheck.attrHealthCheckId,
  resourceRecords: ["52.95.110.1"],
});
new route53.CfnRecordSet(stack, "AppSecondary", {
  hostedZoneId: zone.hostedZoneId,
  name: "app.acme-shop.io",
  type: "A",
  ttl: "60",
  setIdentifier: "secondary",
  failover: "SECONDARY",
  healthCheckId: secondaryCheck.attrHealthCheckId,
  resourceRecords: ["52.94.76.1"],
});

app.synth();
