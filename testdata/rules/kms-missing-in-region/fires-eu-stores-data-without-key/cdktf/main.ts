// CDKTF form of the case: us-east-1 has a customer-managed key; eu-central-1 stores data
// (volume, queue, log group) with no key of its own; us-west-2 holds only a VPC.
import { Construct } from "constructs";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";

class KmsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.kms.tfstate" });

    new AwsProvider(this, "aws", { region: "us-east-1" });
    const eu = new AwsProvider(this, "aws-eu", { alias: "eu", region: "eu-central-1" });
    const west = new AwsProvider(this, "aws-west", { alias: "west", region: "us-west-2" });

    const usKey = new KmsKey(this, "us_key", { description: "us key", enableKeyRotation: true });

    const bucket = new S3Bucket(this, "us_bucket", { bucket: "app-data-us-111122223333" });
    new S3BucketServerSideEncryptionConfigurationA(this, "us_bucket_sse", {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: usKey.arn } }],
    });

    new EbsVolume(this, "eu_data", {
      provider: eu,
      availabilityZone: "eu-central-1a",
      size: 10,
      encrypted: true,
    });

    new SqsQueue(this, "eu_queue", { provider: eu, name: "jobs-eu", sqsManagedSseEnabled: true });

    // uses the us-east-1 key (that is kms-cross-region-reference); eu-central-1 still has no key of its own
    new CloudwatchLogGroup(this, "eu_logs", { provider: eu, name: "/app/eu", kmsKeyId: usKey.arn });

    new Vpc(this, "west", { provider: west, cidrBlock: "10.30.0.0/16" });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new KmsStack(app, "kms");
app.synth();
