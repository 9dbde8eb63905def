# Every key ARN here is unknown until apply; each one is wired by reference (through a
# local, an alias's target_key_arn, a module variable, a conditional) to a key in the
# resource's own region.
resource "aws_kms_key" "eu_key" {
  provider            = aws.eu
  description         = "eu key"
  enable_key_rotation = true
}

resource "aws_kms_alias" "eu_alias" {
  provider      = aws.eu
  name          = "alias/app-eu"
  target_key_id = aws_kms_key.eu_key.key_id
}

resource "aws_kms_key" "us_key" {
  description         = "us key"
  enable_key_rotation = true
}

variable "use_cmk" {
  type    = bool
  default = true
}

locals {
  eu_key_arn = aws_kms_key.eu_key.arn
}

resource "aws_cloudwatch_log_group" "eu_logs" {
  provider   = aws.eu
  name       = "/app/eu"
  kms_key_id = local.eu_key_arn
}

resource "aws_ebs_volume" "eu_data" {
  provider          = aws.eu
  availability_zone = "eu-central-1a"
  size              = 10
  encrypted         = true
  kms_key_id        = aws_kms_alias.eu_alias.target_key_arn
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

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.use_cmk ? aws_kms_key.eu_key.arn : null
  }
}

module "eu_queue" {
  source = "./modules/queue"
  providers = {
    aws = aws.eu
  }
  name = "jobs-eu"
  key  = aws_kms_key.eu_key.arn
}

module "us_queue" {
  source = "./modules/queue"
  name   = "jobs-us"
  key    = aws_kms_key.us_key.key_id
}
