// A REGIONAL wafv2.CfnWebACL that no CfnWebACLAssociation attaches to a load
// balancer or API stage: it protects nothing.
import { App, Stack } from "aws-cdk-lib";
import * as wafv2 from "aws-cdk-lib/aws-wafv2";

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

const stack = new Stack(app, "Edge", { env: { account: ACCOUNT, region: "eu-west-1" } });
new wafv2.CfnWebACL(stack, "WebAcl", {
  name: "web",
  scope: "REGIONAL",
  defaultAction: { allow: {} },
  visibilityConfig: {
    sampledRequestsEnabled: true,
    cloudWatchMetricsEnabled: true,
    metricName: "web",
  },
  rules: [
    {
      name: "common",
      priority: 0,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" },
      },
      visibilityConfig: {
        sampledRequestsEnabled: true,
        cloudWatchMetricsEnabled: true,
        metricName: "common",
      },
    },
  ],
});

app.synth();
