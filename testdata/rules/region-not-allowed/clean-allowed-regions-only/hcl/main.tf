# Allowed: eu-central-1, eu-west-1. Both providers are allowed; the second one's region is
# chosen with lookup() from a map variable.
variable "regions" {
  type    = map(string)
  default = { primary = "eu-central-1", secondary = "eu-west-1" }
}

provider "aws" {
  region = var.regions["primary"]
}

provider "aws" {
  alias  = "secondary"
  region = lookup(var.regions, "secondary", "us-east-1")
}

resource "aws_s3_bucket" "primary" {
  bucket = "primary-111122223333"
}

resource "aws_s3_bucket" "secondary" {
  provider = aws.secondary
  bucket   = "secondary-111122223333"
}
