// CDKTF form of the case: asymmetric and HMAC keys cannot rotate; a multi-region
// replica follows its (rotating) primary. None of them is a finding.
import { Construct } from "constructs";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { KmsReplicaKey } from "@cdktf/provider-aws/lib/kms-replica-key";

class KmsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.kms.tfstate" });

    new AwsProvider(this, "aws", { region: "us-east-1" });
    const eu = new AwsProvider(this, "aws-eu", { alias: "eu", region: "eu-central-1" });

    new KmsKey(this, "signing", { description: "RSA signing key", customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" });
    new KmsKey(this, "ecc_signing", { description: "ECC signing key", customerMasterKeySpec: "ECC_NIST_P256", keyUsage: "SIGN_VERIFY" });
    new KmsKey(this, "rsa_encrypt", { description: "RSA encryption key", customerMasterKeySpec: "RSA_4096", keyUsage: "ENCRYPT_DECRYPT" });
    new KmsKey(this, "hmac", { description: "HMAC key", customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" });
    const primary = new KmsKey(this, "primary", { description: "multi-region primary", multiRegion: true, enableKeyRotation: true });
    new KmsReplicaKey(this, "eu_replica", { provider: eu, primaryKeyArn: primary.arn });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new KmsStack(app, "kms");
app.synth();
