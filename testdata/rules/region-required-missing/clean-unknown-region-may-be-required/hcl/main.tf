# us-west-2 is required. aws.dr has no region (it comes from the environment at run time), so
# the DR vault may well be in us-west-2: an unknown region is never judged.
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias = "dr"
}

resource "aws_s3_bucket" "data" {
  bucket = "data-111122223333"
}

resource "aws_backup_vault" "dr" {
  provider = aws.dr
  name     = "dr"
}
