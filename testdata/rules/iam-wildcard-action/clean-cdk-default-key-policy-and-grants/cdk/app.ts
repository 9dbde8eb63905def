// CDK's own defaults: a kms.Key whose default key policy grants kms:* to the
// account root (the standard administrator statement, not a finding), and a
// Lambda-style role given scoped grants with key.grantDecrypt and
// bucket.grantRead.
import { App, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
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

const stack = new Stack(app, "Iam", { env: { account: ACCOUNT, region: "eu-central-1" } });
const key = new kms.Key(stack, "DataKey", { enableKeyRotation: true });
const bucket = new s3.Bucket(stack, "Data", {
  encryption: s3.BucketEncryption.KMS,
  encryptionKey: key,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
});
const role = new iam.Role(stack, "Reader", {
  assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
});
bucket.grantRead(role);
key.grantDecrypt(role);

app.synth();
