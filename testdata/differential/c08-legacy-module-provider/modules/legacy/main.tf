variable "region" { type = string }

provider "aws" {
  region                      = var.region
  access_key                  = "AKIAOFFLINEPLAN0000"
  secret_key                  = "offline-plan-not-a-secret"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

provider "aws" {
  alias                       = "local_alias"
  region                      = "me-south-1"
  access_key                  = "AKIAOFFLINEPLAN0000"
  secret_key                  = "offline-plan-not-a-secret"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

data "aws_region" "legacy" {}
data "aws_region" "legacy_alias" { provider = aws.local_alias }

resource "aws_sqs_queue" "legacy" {
  name = "legacy"
}
resource "aws_sqs_queue" "legacy_alias" {
  provider = aws.local_alias
  name     = "legacy-alias"
}

# inherits this module's own default provider
module "child" {
  source = "../child"
}
# gets this module's alias
module "child_alias" {
  source = "../child"
  providers = {
    aws = aws.local_alias
  }
}
