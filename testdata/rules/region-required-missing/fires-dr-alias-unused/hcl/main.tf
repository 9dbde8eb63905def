# The policy requires us-east-1 and us-west-2. The DR provider for us-west-2 is declared but
# never used: every resource lands in us-east-1.
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

resource "aws_backup_vault" "main" {
  name = "main"
}
