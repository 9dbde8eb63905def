# Asymmetric and HMAC keys cannot rotate; a multi-region replica follows its primary
# (which rotates). None of them is a finding.
resource "aws_kms_key" "signing" {
  description              = "RSA signing key"
  customer_master_key_spec = "RSA_2048"
  key_usage                = "SIGN_VERIFY"
}

resource "aws_kms_key" "ecc_signing" {
  description              = "ECC signing key"
  customer_master_key_spec = "ECC_NIST_P256"
  key_usage                = "SIGN_VERIFY"
}

resource "aws_kms_key" "rsa_encrypt" {
  description              = "RSA encryption key"
  customer_master_key_spec = "RSA_4096"
  key_usage                = "ENCRYPT_DECRYPT"
}

resource "aws_kms_key" "hmac" {
  description              = "HMAC key"
  customer_master_key_spec = "HMAC_256"
  key_usage                = "GENERATE_VERIFY_MAC"
}

resource "aws_kms_key" "primary" {
  description         = "multi-region primary"
  multi_region        = true
  enable_key_rotation = true
}

resource "aws_kms_replica_key" "eu_replica" {
  provider        = aws.eu
  primary_key_arn = aws_kms_key.primary.arn
}
