// CDKTF form of the case: no customer-managed key anywhere and no require_cmk; every
// region relies on AWS managed encryption. Not a finding.
import { Construct } from "constructs";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";

class KmsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.kms.tfstate" });

    new AwsProvider(this, "aws", { region: "us-east-1" });
    const eu = new AwsProvider(this, "aws-eu", { alias: "eu", region: "eu-central-1" });

    new S3Bucket(this, "us_bucket", { bucket: "app-data-us-111122223333" });
    new EbsVolume(this, "us_data", { availabilityZone: "us-east-1a", size: 10, encrypted: true });
    new SnsTopic(this, "eu_topic", { provider: eu, name: "alerts", kmsMasterKeyId: "alias/aws/sns" });
    new CloudwatchLogGroup(this, "eu_logs", { provider: eu, name: "/app/eu" });
    new EbsVolume(this, "eu_data", {
      provider: eu,
      availabilityZone: "eu-central-1a",
      size: 10,
      encrypted: true,
    });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new KmsStack(app, "kms");
app.synth();
