# Every region that stores data has a customer-managed key of its own: an aws_kms_key
# in us-east-1, a multi-region replica in eu-central-1, a key from a module in us-west-2.
resource "aws_kms_key" "primary" {
  description         = "app multi-region key"
  multi_region        = true
  enable_key_rotation = true
}

resource "aws_kms_replica_key" "eu_replica" {
  provider        = aws.eu
  primary_key_arn = aws_kms_key.primary.arn
}

module "west_key" {
  source = "./modules/key"
  providers = {
    aws = aws.west
  }
}

resource "aws_ebs_volume" "us_data" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = true
  kms_key_id        = aws_kms_key.primary.arn
}

resource "aws_sqs_queue" "eu_queue" {
  provider          = aws.eu
  name              = "jobs-eu"
  kms_master_key_id = aws_kms_replica_key.eu_replica.arn
}

resource "aws_cloudwatch_log_group" "west_logs" {
  provider   = aws.west
  name       = "/app/west"
  kms_key_id = module.west_key.key_arn
}

# a region-less (global) resource: not a region of its own
resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}
