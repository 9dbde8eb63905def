module "inner" {
  source = "../child"
}
module "legacy_in_wrap" {
  source = "../legacy"
  region = "eu-south-2"
}
