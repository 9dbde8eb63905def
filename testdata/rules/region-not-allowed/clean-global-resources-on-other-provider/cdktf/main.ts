// CDKTF form of the HCL case: aws.us (us-east-1) only creates global resources.
import { Construct } from "constructs";
import { App, Fn, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";

class Main extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.main.tfstate" });
    new AwsProvider(this, "aws", { region: "eu-west-1" });
    const us = new AwsProvider(this, "aws-us", { alias: "us", region: "us-east-1" });
    const data = new S3Bucket(this, "data", { bucket: "data-111122223333" });
    new IamRole(this, "app", {
      provider: us,
      name: "app",
      assumeRolePolicy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    });
    new IamPolicy(this, "app-policy", {
      provider: us,
      name: "app",
      policy: Fn.jsonencode({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: `${data.arn}/*` }],
      }),
    }).overrideLogicalId("app");
    new Route53Zone(this, "public", { provider: us, name: "corp-app.net" });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new Main(app, "main");
app.synth();
