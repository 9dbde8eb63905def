# Allowed: eu-central-1, eu-west-1. The provider has no region (it comes from the environment
# at run time): the bucket's region is unknown and never judged.
provider "aws" {}

resource "aws_s3_bucket" "data" {
  bucket = "data-111122223333"
}
