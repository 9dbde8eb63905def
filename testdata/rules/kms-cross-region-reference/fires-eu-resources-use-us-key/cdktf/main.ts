// CDKTF form of the case: a key created with the default (us-east-1) provider is used
// by an EBS volume, a log group, a backup vault and a Lambda function in eu-central-1.
// Logical ids equal the HCL names, so the addresses match expected.txt.
import { Construct } from "constructs";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { BackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { LambdaFunction } from "@cdktf/provider-aws/lib/lambda-function";

class KmsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.kms.tfstate" });

    new AwsProvider(this, "aws", { region: "us-east-1" });
    const eu = new AwsProvider(this, "aws-eu", { alias: "eu", region: "eu-central-1" });

    const usKey = new KmsKey(this, "us_key", {
      description: "app data key (us-east-1)",
      enableKeyRotation: true,
    });

    // same region as the key: fine
    new EbsVolume(this, "us_data", {
      availabilityZone: "us-east-1a",
      size: 10,
      encrypted: true,
      kmsKeyId: usKey.arn,
    });

    new EbsVolume(this, "eu_data", {
      provider: eu,
      availabilityZone: "eu-central-1a",
      size: 10,
      encrypted: true,
      kmsKeyId: usKey.arn,
    });

    new CloudwatchLogGroup(this, "eu_logs", {
      provider: eu,
      name: "/app/eu",
      kmsKeyId: usKey.arn,
    });

    new BackupVault(this, "eu_vault", {
      provider: eu,
      name: "app-eu-vault",
      kmsKeyArn: usKey.arn,
    });

    const role = new IamRole(this, "eu_fn_role", {
      name: "app-eu-fn",
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
        ],
      }),
    });

    new LambdaFunction(this, "eu_fn", {
      provider: eu,
      functionName: "app-eu",
      role: role.arn,
      runtime: "python3.12",
      handler: "index.handler",
      s3Bucket: "app-artifacts-eu",
      s3Key: "app.zip",
      kmsKeyArn: usKey.arn,
    });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new KmsStack(app, "kms");
app.synth();
