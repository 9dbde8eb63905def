# One policy mixes a reference (the bucket's own ARN) with a literal queue ARN that
# hardcodes the account: the literal is still a hardcoded account id.
resource "aws_s3_bucket" "data" {
  bucket = "acme-ingest"
}

resource "aws_iam_policy" "ingest" {
  name = "ingest"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = "${aws_s3_bucket.data.arn}/*"
      },
      {
        Effect   = "Allow"
        Action   = ["sqs:SendMessage"]
        Resource = "arn:aws:sqs:us-east-1:111122223333:ingest"
      }
    ]
  })
}
