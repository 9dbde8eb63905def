// CDKTF form of the case: each region's key policy comes from an aws_iam_policy_document
// granting logs.${data.aws_region.<r>.name}.amazonaws.com (the key's own region) and, for
// the trail's key, cloudtrail.amazonaws.com. A key used only by EBS needs no service grant.
import { Construct } from "constructs";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { Cloudtrail } from "@cdktf/provider-aws/lib/cloudtrail";
import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume";

const LOGS_ACTIONS = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"];

class KmsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.kms.tfstate" });

    new AwsProvider(this, "aws", { region: "us-east-1" });
    const eu = new AwsProvider(this, "aws-eu", { alias: "eu", region: "eu-central-1" });

    const caller = new DataAwsCallerIdentity(this, "caller", {});
    const usRegion = new DataAwsRegion(this, "us_region", {});
    const euRegion = new DataAwsRegion(this, "eu_region", { provider: eu });
    const root = {
      sid: "Root",
      actions: ["kms:*"],
      resources: ["*"],
      principals: [{ type: "AWS", identifiers: [`arn:aws:iam::${caller.accountId}:root`] }],
    };

    const usDoc = new DataAwsIamPolicyDocument(this, "us_key_policy", {
      statement: [
        root,
        {
          sid: "AllowCloudWatchLogs",
          actions: LOGS_ACTIONS,
          resources: ["*"],
          principals: [{ type: "Service", identifiers: [`logs.${usRegion.name}.amazonaws.com`] }],
        },
        {
          sid: "AllowCloudTrail",
          actions: ["kms:GenerateDataKey*", "kms:DescribeKey"],
          resources: ["*"],
          principals: [{ type: "Service", identifiers: ["cloudtrail.amazonaws.com"] }],
          condition: [
            {
              test: "StringLike",
              variable: "kms:EncryptionContext:aws:cloudtrail:arn",
              values: [`arn:aws:cloudtrail:*:${caller.accountId}:trail/*`],
            },
          ],
        },
      ],
    });

    const euDoc = new DataAwsIamPolicyDocument(this, "eu_key_policy", {
      statement: [
        root,
        {
          sid: "AllowCloudWatchLogs",
          actions: LOGS_ACTIONS,
          resources: ["*"],
          principals: [{ type: "Service", identifiers: [`logs.${euRegion.name}.amazonaws.com`] }],
        },
      ],
    });

    const usKey = new KmsKey(this, "us_key", {
      description: "us logs and trail key",
      enableKeyRotation: true,
      policy: usDoc.json,
    });
    const euKey = new KmsKey(this, "eu_key", {
      provider: eu,
      description: "eu logs key",
      enableKeyRotation: true,
      policy: euDoc.json,
    });

    new CloudwatchLogGroup(this, "us_logs", { name: "/app/us", kmsKeyId: usKey.arn });
    new CloudwatchLogGroup(this, "eu_logs", { provider: eu, name: "/app/eu", kmsKeyId: euKey.arn });

    const bucket = new S3Bucket(this, "trail", { bucket: "app-trail-111122223333" });
    new Cloudtrail(this, "main", { name: "main", s3BucketName: bucket.id, kmsKeyId: usKey.arn });

    // root-only policy, used only by EBS (which needs no key-policy grant)
    const ebsKey = new KmsKey(this, "ebs_key", {
      description: "ebs key",
      enableKeyRotation: true,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Sid: "Root",
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${caller.accountId}:root` },
            Action: "kms:*",
            Resource: "*",
          },
        ],
      }),
    });
    new EbsVolume(this, "data", {
      availabilityZone: "us-east-1a",
      size: 10,
      encrypted: true,
      kmsKeyId: ebsKey.arn,
    });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new KmsStack(app, "kms");
app.synth();
