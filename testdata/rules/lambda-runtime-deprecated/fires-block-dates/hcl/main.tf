# The message says when AWS blocks creating and updating functions: python3.9 from
# days still ahead (today.txt), python2.7 since days gone.
resource "aws_iam_role" "fn" {
  name = "fn"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}


resource "aws_lambda_function" "ingest" {
  function_name = "ingest"
  role          = aws_iam_role.fn.arn
  runtime       = "python3.9"
  handler       = "index.handler"
  s3_bucket     = "acme-artifacts"
  s3_key        = "ingest.zip"
}

resource "aws_lambda_function" "legacy" {
  function_name = "legacy"
  role          = aws_iam_role.fn.arn
  runtime       = "python2.7"
  handler       = "index.handler"
  s3_bucket     = "acme-artifacts"
  s3_key        = "legacy.zip"
}
