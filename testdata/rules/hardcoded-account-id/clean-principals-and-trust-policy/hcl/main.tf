# Account ids only where naming an account is the point: a trust policy
# (jsonencode and a policy document), a bucket policy's Principal and
# NotPrincipal, a key policy document's principals. The configuration's own ARNs
# are built from data.aws_caller_identity.
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "dr"
  region = "us-west-2"
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account = data.aws_caller_identity.current.account_id
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:role/ci-runner"]
    }
  }
}

resource "aws_iam_role" "ci" {
  name               = "ci"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role" "audit" {
  name = "audit"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::777788889999:root" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_s3_bucket" "shared" {
  bucket = "shared-${local.account}"
}

resource "aws_s3_bucket_policy" "shared" {
  bucket = aws_s3_bucket.shared.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = ["arn:aws:iam::444455556666:root"] }
        Action    = "s3:GetObject"
        Resource  = "${aws_s3_bucket.shared.arn}/*"
      },
      {
        Effect       = "Deny"
        NotPrincipal = { AWS = "arn:aws:iam::777788889999:role/break-glass" }
        Action       = "s3:DeleteObject"
        Resource     = "${aws_s3_bucket.shared.arn}/*"
      }
    ]
  })
}

data "aws_iam_policy_document" "key" {
  statement {
    actions   = ["kms:Decrypt"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::444455556666:root"]
    }
  }
}

resource "aws_kms_key" "shared" {
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.key.json
}
