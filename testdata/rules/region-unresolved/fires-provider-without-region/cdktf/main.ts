// CDKTF form of the HCL case: a provider without region; bucket and queue regional, IAM role global.
import { Construct } from "constructs";
import { App, Fn, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";

class Main extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.main.tfstate" });
    new AwsProvider(this, "aws", {});
    new S3Bucket(this, "data", { bucket: "data-111122223333" });
    new SqsQueue(this, "jobs", { name: "jobs" });
    new IamRole(this, "app", {
      name: "app",
      assumeRolePolicy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new Main(app, "main");
app.synth();
