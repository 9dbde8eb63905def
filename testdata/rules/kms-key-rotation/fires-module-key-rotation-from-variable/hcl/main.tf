# A key module whose rotation defaults to off: the eu instance keeps the default, the
# us instance turns rotation on through the variable.
module "eu_key" {
  source = "./modules/key"
  providers = {
    aws = aws.eu
  }
  name = "eu"
}

module "us_key" {
  source = "./modules/key"
  name   = "us"
  rotate = true
}
