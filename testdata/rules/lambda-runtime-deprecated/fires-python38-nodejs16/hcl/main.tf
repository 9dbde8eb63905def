# python3.8 and nodejs16.x are deprecated; python3.12 next to them is current.
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
  runtime       = "python3.8"
  handler       = "index.handler"
  s3_bucket     = "acme-artifacts"
  s3_key        = "ingest.zip"
}

resource "aws_lambda_function" "web" {
  function_name = "web"
  role          = aws_iam_role.fn.arn
  runtime       = "nodejs16.x"
  handler       = "index.handler"
  s3_bucket     = "acme-artifacts"
  s3_key        = "web.zip"
}

resource "aws_lambda_function" "report" {
  function_name = "report"
  role          = aws_iam_role.fn.arn
  runtime       = "python3.12"
  handler       = "index.handler"
  s3_bucket     = "acme-artifacts"
  s3_key        = "report.zip"
}
