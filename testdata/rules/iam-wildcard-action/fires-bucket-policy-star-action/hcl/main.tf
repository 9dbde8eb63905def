# A bucket policy allows a role of the account every action ("*") on the bucket and
# its objects. The resources are specific, but Action "*" is a finding on its own.
data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "data" {
  bucket = "acme-shared-data"
}

resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Pipeline"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/pipeline" }
      Action    = "*"
      Resource  = ["arn:aws:s3:::acme-shared-data", "arn:aws:s3:::acme-shared-data/*"]
    }]
  })
}
