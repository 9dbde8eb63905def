# A global table in us-east-1 with a replica in eu-central-1: the replica's key must be
# in the replica's region (region_name), not in the table's.
resource "aws_kms_key" "us_key" {
  description         = "us key"
  enable_key_rotation = true
}

resource "aws_kms_key" "eu_key" {
  provider            = aws.eu
  description         = "eu key"
  enable_key_rotation = true
}

resource "aws_dynamodb_table" "orders" {
  name             = "orders"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "pk"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "pk"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.us_key.arn
  }

  replica {
    region_name = "eu-central-1"
    kms_key_arn = aws_kms_key.us_key.arn
  }
}

# the same, done right: fine
resource "aws_dynamodb_table" "customers" {
  name             = "customers"
  billing_mode     = "PAY_PER_REQUEST"
  hash_key         = "pk"
  stream_enabled   = true
  stream_view_type = "NEW_AND_OLD_IMAGES"

  attribute {
    name = "pk"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.us_key.arn
  }

  replica {
    region_name = "eu-central-1"
    kms_key_arn = aws_kms_key.eu_key.arn
  }
}
