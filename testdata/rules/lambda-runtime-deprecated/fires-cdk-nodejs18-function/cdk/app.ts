// A CDK lambda.Function on Runtime.NODEJS_18_X (inline code, so no asset),
// checked on 2026-12-03 (today.txt): nodejs18.x is deprecated since
// 2025-09-01.
import { App, Stack } from "aws-cdk-lib";
import * as lambda from "aws-cdk-lib/aws-lambda";

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

const stack = new Stack(app, "Fn", { env: { account: ACCOUNT, region: "eu-central-1" } });
new lambda.Function(stack, "Handler", {
  runtime: lambda.Runtime.NODEJS_18_X,
  handler: "index.handler",
  code: lambda.Code.fromInline("exports.handler = async () => ({ ok: true });"),
});

app.synth();
