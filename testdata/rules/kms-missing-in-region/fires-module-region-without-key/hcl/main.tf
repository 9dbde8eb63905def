# The same module in three regions; us-west-2 gets no key of its own.
resource "aws_kms_key" "us_key" {
  description         = "us key"
  enable_key_rotation = true
}

resource "aws_kms_key" "eu_key" {
  provider            = aws.eu
  description         = "eu key"
  enable_key_rotation = true
}

module "store_us" {
  source      = "./modules/store"
  name        = "us"
  kms_key_arn = aws_kms_key.us_key.arn
}

module "store_eu" {
  source = "./modules/store"
  providers = {
    aws = aws.eu
  }
  name        = "eu"
  kms_key_arn = aws_kms_key.eu_key.arn
}

module "store_west" {
  source = "./modules/store"
  providers = {
    aws = aws.west
  }
  name = "west"
}
