// A CDK cloudtrail.Trail given an s3.Bucket of the app: the L2 Trail adds the
// bucket policy statements CloudTrail needs (s3:GetBucketAcl on the bucket,
// s3:PutObject on AWSLogs/<account>/*) and makes the trail depend on them.
import { App, Stack } from "aws-cdk-lib";
import * as cloudtrail from "aws-cdk-lib/aws-cloudtrail";
import * as s3 from "aws-cdk-lib/aws-s3";

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
const bucket = new s3.Bucket(stack, "TrailBucket", {
  encryption: s3.BucketEncryption.S3_MANAGED,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
});
new cloudtrail.Trail(stack, "Trail", { bucket });

app.synth();
