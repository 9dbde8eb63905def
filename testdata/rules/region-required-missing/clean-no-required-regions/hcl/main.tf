# No policy.hcl: the default policy sets no required_regions, so the unused aws.dr is no finding.
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "dr"
  region = "us-west-2"
}

resource "aws_s3_bucket" "data" {
  bucket = "data-111122223333"
}
