// A REGIONAL wafv2.CfnWebACL attached by a CfnWebACLAssociation to the
// stack's internet-facing Application Load Balancer (its loadBalancerArn).
import { App, Stack } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as elbv2 from "aws-cdk-lib/aws-elasticloadbalancingv2";
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
const vpc = new ec2.Vpc(stack, "Vpc", {
  availabilityZones: ["eu-west-1a", "eu-west-1b"],
  natGateways: 0,
  subnetConfiguration: [{ name: "public", subnetType: ec2.SubnetType.PUBLIC }],
});
const alb = new elbv2.ApplicationLoadBalancer(stack, "Alb", { vpc, internetFacing: true });
const acl = new wafv2.CfnWebACL(stack, "WebAcl", {
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
new wafv2.CfnWebACLAssociation(stack, "WebAclAlb", {
  resourceArn: alb.loadBalancerArn,
  webAclArn: acl.attrArn,
});

app.synth();
