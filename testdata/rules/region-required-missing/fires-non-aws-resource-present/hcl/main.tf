# us-west-2 is required and nothing lands there. terraform_data is not an AWS resource: it has
# no AWS region at all, so it cannot stand for a resource in us-west-2.
provider "aws" {
  region = "us-east-1"
}

resource "aws_s3_bucket" "data" {
  bucket = "data-111122223333"
}

resource "terraform_data" "build" {
  input = "v1"
}
