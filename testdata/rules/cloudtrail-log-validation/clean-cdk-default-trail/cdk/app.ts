// A CDK cloudtrail.Trail with CDK's defaults (its own bucket with the bucket
// policy CloudTrail needs, multi-region, log file validation on), encrypted
// with a kms.Key that grants cloudtrail.amazonaws.com kms:GenerateDataKey* and
// kms:DescribeKey.
import { App, Stack } from "aws-cdk-lib";
import * as cloudtrail from "aws-cdk-lib/aws-cloudtrail";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";

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
const key = new kms.Key(stack, "TrailKey", { enableKeyRotation: true });
key.grant(new iam.ServicePrincipal("cloudtrail.amazonaws.com"), "kms:GenerateDataKey*", "kms:DescribeKey");
new cloudtrail.Trail(stack, "Trail", { encryptionKey: key });

app.synth();
