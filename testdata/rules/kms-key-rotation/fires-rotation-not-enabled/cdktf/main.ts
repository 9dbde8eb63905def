// CDKTF form of the case: symmetric keys without enable_key_rotation = true (absent,
// false, explicit SYMMETRIC_DEFAULT, a multi-region primary, the string "false").
import { Construct } from "constructs";
import { App, LocalBackend, TerraformStack } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";

class KmsStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new LocalBackend(this, { path: "terraform.kms.tfstate" });

    new AwsProvider(this, "aws", { region: "us-east-1" });
    const eu = new AwsProvider(this, "aws-eu", { alias: "eu", region: "eu-central-1" });

    new KmsKey(this, "no_rotation", { description: "rotation absent" });
    new KmsKey(this, "rotation_off", { description: "rotation false", enableKeyRotation: false });
    new KmsKey(this, "symmetric_explicit", {
      description: "explicit symmetric spec",
      customerMasterKeySpec: "SYMMETRIC_DEFAULT",
      keyUsage: "ENCRYPT_DECRYPT",
    });
    new KmsKey(this, "mrk_primary", { provider: eu, description: "multi-region primary", multiRegion: true });
    const stringFalse = new KmsKey(this, "rotation_string_false", { description: 'rotation "false"' });
    stringFalse.addOverride("enable_key_rotation", "false");

    // rotates: fine
    new KmsKey(this, "rotating", { description: "rotating", enableKeyRotation: true });
  }
}

const app = new App({ outdir: process.env.CDKTF_OUTDIR ?? "cdktf.out" });
new KmsStack(app, "kms");
app.synth();
