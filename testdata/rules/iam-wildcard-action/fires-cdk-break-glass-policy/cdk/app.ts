// A CDK iam.Policy attached to an operators' role that allows every action on
// every resource (actions ['*']).
import { App, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";

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
const role = new iam.Role(stack, "OpsRole", {
  assumedBy: new iam.AccountRootPrincipal(),
  description: "Operators' role",
});
new iam.Policy(stack, "BreakGlass", {
  roles: [role],
  statements: [new iam.PolicyStatement({ actions: ["*"], resources: ["*"] })],
});

app.synth();
