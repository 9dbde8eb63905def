# Runtimes older than the named ones ("python3.8 and older", "nodejs16.x and older",
# "dotnet6 and older"): python3.7, nodejs14.x, dotnetcore3.1.
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


resource "aws_lambda_function" "a" {
  function_name = "a"
  role          = aws_iam_role.fn.arn
  runtime       = "python3.7"
  handler       = "index.handler"
  s3_bucket     = "acme-artifacts"
  s3_key        = "a.zip"
}

resource "aws_lambda_function" "b" {
  function_name = "b"
  role          = aws_iam_role.fn.arn
  runtime       = "nodejs14.x"
  handler       = "index.handler"
  s3_bucket     = "acme-artifacts"
  s3_key        = "b.zip"
}

resource "aws_lambda_function" "c" {
  function_name = "c"
  role          = aws_iam_role.fn.arn
  runtime       = "dotnetcore3.1"
  handler       = "C::C.Function::Handler"
  s3_bucket     = "acme-artifacts"
  s3_key        = "c.zip"
}
