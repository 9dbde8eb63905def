// A CDK ec2.Volume with encrypted: true, and an rds.DatabaseInstance with
// storageEncrypted: true and a key of its stack. The VPC names its
// availability zones, so nothing is looked up.
import { App, Size, Stack } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";
import * as kms from "aws-cdk-lib/aws-kms";
import * as rds from "aws-cdk-lib/aws-rds";

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
const key = new kms.Key(stack, "DataKey", { enableKeyRotation: true });
const vpc = new ec2.Vpc(stack, "Vpc", {
  availabilityZones: ["eu-central-1a", "eu-central-1b"],
  natGateways: 0,
  subnetConfiguration: [{ name: "db", subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
});
new ec2.Volume(stack, "Scratch", {
  availabilityZone: "eu-central-1a",
  size: Size.gibibytes(100),
  encrypted: true,
  encryptionKey: key,
});
new rds.DatabaseInstance(stack, "Db", {
  engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
  vpc,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  storageEncrypted: true,
  storageEncryptionKey: key,
});

app.synth();
