# nodejs20.x is deprecated on 2026-04-30, the day of the check (today.txt): it fires.
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


resource "aws_lambda_function" "web" {
  function_name = "web"
  role          = aws_iam_role.fn.arn
  runtime       = "nodejs20.x"
  handler       = "index.handler"
  s3_bucket     = "acme-artifacts"
  s3_key        = "web.zip"
}
