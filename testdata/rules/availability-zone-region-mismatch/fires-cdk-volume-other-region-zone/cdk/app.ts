// A CDK ec2.Volume in a us-east-1 stack whose availabilityZone was copied
// from the eu-central-1 app: eu-central-1b does not exist in us-east-1.
import { App, Size, Stack } from "aws-cdk-lib";
import * as ec2 from "aws-cdk-lib/aws-ec2";

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

const stack = new Stack(app, "Data", { env: { account: ACCOUNT, region: "us-east-1" } });
new ec2.Volume(stack, "Scratch", {
  availabilityZone: "eu-central-1b",
  size: Size.gibibytes(100),
  encrypted: true,
});

app.synth();
