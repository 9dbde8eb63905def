# No customer-managed key anywhere, but the policy requires them (require_cmk = true):
# each region that stores data is a finding, on its first resource by address.
resource "aws_s3_bucket" "us_bucket" {
  bucket = "app-data-us-111122223333"
}

resource "aws_sns_topic" "us_topic" {
  name              = "alerts"
  kms_master_key_id = "alias/aws/sns"
}

resource "aws_dynamodb_table" "eu_table" {
  provider     = aws.eu
  name         = "app-eu"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "pk"

  attribute {
    name = "pk"
    type = "S"
  }
}
