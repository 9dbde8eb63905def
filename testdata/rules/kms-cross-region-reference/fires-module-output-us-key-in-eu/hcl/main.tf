# module.keys creates its key with the default provider (us-east-1).
module "keys" {
  source = "./modules/key"
  name   = "app"
}

# same region as the key: fine
module "us_logs" {
  source      = "./modules/log-group"
  name        = "/app/us"
  kms_key_arn = module.keys.key_arn
}

# eu-central-1 log group given the us-east-1 key through a module output
module "eu_logs" {
  source = "./modules/log-group"
  providers = {
    aws = aws.eu
  }
  name        = "/app/eu"
  kms_key_arn = module.keys.key_arn
}

# eu-central-1 queue given the us-east-1 key id through a module output
resource "aws_sqs_queue" "eu_queue" {
  provider          = aws.eu
  name              = "app-eu"
  kms_master_key_id = module.keys.key_id
}
