// A CDK ec2.Volume in a us-east-1 stack placed in stack.availabilityZones[0].
// The stack's zones come from the context the cdk CLI keeps in
// cdk.context.json (given here in the App's context, so nothing is looked
// up): us-east-1a.
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

app.node.setContext(`availability-zones:account=${ACCOUNT}:region=us-east-1`, [
  "us-east-1a",
  "us-east-1b",
  "us-east-1c",
]);
const stack = new Stack(app, "Data", { env: { account: ACCOUNT, region: "us-east-1" } });
new ec2.Volume(stack, "Scratch", {
  availabilityZone: stack.availabilityZones[0],
  size: Size.gibibytes(100),
  encrypted: true,
});

app.synth();
