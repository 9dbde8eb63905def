// An encrypted read replica in eu-central-1 of the orders database in
// us-east-1, written with rds.CfnDBInstance and the source's ARN, without
// kmsKeyId: the us-east-1 key cannot be used in eu-central-1, so the replica
// cannot be created.
import { App, Stack } from "aws-cdk-lib";
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

const stack = new Stack(app, "Replica", { env: { account: ACCOUNT, region: "eu-central-1" } });
new rds.CfnDBInstance(stack, "OrdersReplica", {
  dbInstanceClass: "db.t3.medium",
  sourceDbInstanceIdentifier: `arn:aws:rds:us-east-1:${ACCOUNT}:db:orders-primary`,
  sourceRegion: "us-east-1",
  storageEncrypted: true,
});

app.synth();
