# Both regions define alias/app; a literal "alias/app" resolves in the region of the
# resource that uses it, so each resource gets its own region's key.
resource "aws_kms_key" "us_key" {
  description         = "app key (us)"
  enable_key_rotation = true
}

resource "aws_kms_alias" "us_alias" {
  name          = "alias/app"
  target_key_id = aws_kms_key.us_key.key_id
}

resource "aws_kms_key" "eu_key" {
  provider            = aws.eu
  description         = "app key (eu)"
  enable_key_rotation = true
}

resource "aws_kms_alias" "eu_alias" {
  provider      = aws.eu
  name          = "alias/app"
  target_key_id = aws_kms_key.eu_key.key_id
}

resource "aws_sns_topic" "eu_topic" {
  provider          = aws.eu
  name              = "alerts"
  kms_master_key_id = "alias/app"
}

resource "aws_sqs_queue" "us_queue" {
  name              = "jobs"
  kms_master_key_id = "alias/app"
}

# an alias that exists only in eu-central-1, used there
resource "aws_kms_alias" "eu_only" {
  provider      = aws.eu
  name          = "alias/eu-only"
  target_key_id = aws_kms_key.eu_key.key_id
}

resource "aws_sqs_queue" "eu_queue" {
  provider          = aws.eu
  name              = "jobs-eu"
  kms_master_key_id = "alias/eu-only"
}
