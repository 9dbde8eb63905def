# Each region's key comes from a module called with that region's provider, and its
# output is passed into another module (same provider) that uses it.
module "keys_eu" {
  source = "./modules/key"
  providers = {
    aws = aws.eu
  }
  name = "eu"
}

module "data_eu" {
  source = "./modules/data"
  providers = {
    aws = aws.eu
  }
  name        = "eu"
  az          = "eu-central-1a"
  kms_key_arn = module.keys_eu.key_arn
}

module "keys_us" {
  source = "./modules/key"
  name   = "us"
}

module "data_us" {
  source      = "./modules/data"
  name        = "us"
  az          = "us-east-1a"
  kms_key_arn = module.keys_us.key_arn
}

resource "aws_backup_vault" "eu_vault" {
  provider    = aws.eu
  name        = "app-eu-vault"
  kms_key_arn = module.keys_eu.key_arn
}
