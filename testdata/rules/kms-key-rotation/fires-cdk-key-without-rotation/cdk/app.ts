// A CDK kms.Key created without enableKeyRotation: CDK leaves rotation off
// (EnableKeyRotation is not written).
import { App, Stack } from "aws-cdk-lib";
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

const stack = new Stack(app, "Keys", { env: { account: ACCOUNT, region: "eu-central-1" } });
new kms.Key(stack, "DataKey", { alias: "alias/acme-data", description: "Data key" });

app.synth();
