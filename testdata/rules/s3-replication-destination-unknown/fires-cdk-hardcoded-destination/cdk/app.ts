// A CDK bucket whose replication, added through the L1 escape hatch, goes to a
// hardcoded bucket ARN (arn:aws:s3:::acme-dr-replica) that no stack defines,
// while the app's replica bucket gets a generated name.
import { App, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
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

const stack = new Stack(app, "Data", { env: { account: ACCOUNT, region: "eu-central-1" } });
const bucket = new s3.Bucket(stack, "DataBucket", {
  versioned: true,
  encryption: s3.BucketEncryption.S3_MANAGED,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
});
new s3.Bucket(stack, "ReplicaBucket", {
  versioned: true,
  encryption: s3.BucketEncryption.S3_MANAGED,
  blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
});
const replicaArn = "arn:aws:s3:::acme-dr-replica";
const role = new iam.Role(stack, "ReplicationRole", {
  assumedBy: new iam.ServicePrincipal("s3.amazonaws.com"),
});
role.addToPolicy(new iam.PolicyStatement({
  actions: ["s3:GetReplicationConfiguration", "s3:ListBucket"],
  resources: [bucket.bucketArn],
}));
role.addToPolicy(new iam.PolicyStatement({
  actions: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"],
  resources: [bucket.arnForObjects("*")],
}));
role.addToPolicy(new iam.PolicyStatement({
  actions: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"],
  resources: [`${replicaArn}/*`],
}));
const cfnBucket = bucket.node.defaultChild as s3.CfnBucket;
cfnBucket.replicationConfiguration = {
  role: role.roleArn,
  rules: [{
    id: "to-replica",
    status: "Enabled",
    priority: 1,
    filter: { prefix: "" },
    deleteMarkerReplication: { status: "Disabled" },
    destination: { bucket: replicaArn },
  }],
};

app.synth();
