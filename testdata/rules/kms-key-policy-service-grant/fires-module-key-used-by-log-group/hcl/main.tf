# The key (root statement only) is created in one module and reaches the log group of
# another module through a module output; both modules use the eu-central-1 provider.
module "keys" {
  source = "./modules/key"
  providers = {
    aws = aws.eu
  }
}

module "logs" {
  source = "./modules/logs"
  providers = {
    aws = aws.eu
  }
  kms_key_arn = module.keys.key_arn
}
