// A CDK cloudtrail.Trail with isMultiRegionTrail: false, the app's only trail:
// activity in every other region leaves no audit log.
import { App, Stack } from "aws-cdk-lib";
import * as cloudtrail from "aws-cdk-lib/aws-cloudtrail";

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

const stack = new Stack(app, "Audit", { env: { account: ACCOUNT, region: "eu-central-1" } });
new cloudtrail.Trail(stack, "Trail", { isMultiRegionTrail: false });

app.synth();
