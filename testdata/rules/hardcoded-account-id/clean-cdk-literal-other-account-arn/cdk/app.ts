// A CDK stack for account 111122223333 whose role may send to a queue, and
// whose log group uses a key, of account 444455556666, by literal ARNs: the
// stack's own account is known (its env), so these name another account, and
// naming another account is the point (RULES.md): not hardcoded-account-id.
import { App, Stack } from "aws-cdk-lib";
import * as iam from "aws-cdk-lib/aws-iam";
import * as kms from "aws-cdk-lib/aws-kms";
import * as logs from "aws-cdk-lib/aws-logs";

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

const stack = new Stack(app, "App", { env: { account: ACCOUNT, region: "eu-central-1" } });
const role = new iam.Role(stack, "Worker", {
  assumedBy: new iam.ServicePrincipal("lambda.amazonaws.com"),
});
role.addToPolicy(new iam.PolicyStatement({
  actions: ["sqs:SendMessage"],
  resources: ["arn:aws:sqs:eu-central-1:444455556666:orders"],
}));
const key = kms.Key.fromKeyArn(stack, "SharedKey",
  "arn:aws:kms:eu-central-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab");
new logs.LogGroup(stack, "AppLogs", { logGroupName: "/acme/app", encryptionKey: key });

app.synth();
