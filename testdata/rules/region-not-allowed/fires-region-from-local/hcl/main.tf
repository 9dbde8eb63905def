# The provider's region comes from a local: us-west-2, not allowed.
locals {
  regions = { primary = "eu-central-1", dr = "us-west-2" }
}

provider "aws" {
  region = local.regions["dr"]
}

resource "aws_sns_topic" "alerts" {
  name = "alerts"
}
