# python3.12, nodejs22.x and provided.al2023 are supported on the day of the check
# (today.txt). A layer that lists python3.8 among its compatible runtimes is not a
# function using it.
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


resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.fn.arn
  runtime       = "python3.12"
  handler       = "index.handler"
  s3_bucket     = "acme-artifacts"
  s3_key        = "api.zip"
}

resource "aws_lambda_function" "web" {
  function_name = "web"
  role          = aws_iam_role.fn.arn
  runtime       = "nodejs22.x"
  handler       = "index.handler"
  s3_bucket     = "acme-artifacts"
  s3_key        = "web.zip"
}

resource "aws_lambda_function" "native" {
  function_name = "native"
  role          = aws_iam_role.fn.arn
  runtime       = "provided.al2023"
  handler       = "bootstrap"
  s3_bucket     = "acme-artifacts"
  s3_key        = "native.zip"
}

resource "aws_lambda_layer_version" "common" {
  layer_name          = "common"
  s3_bucket           = "acme-artifacts"
  s3_key              = "common-layer.zip"
  compatible_runtimes = ["python3.8", "python3.12"]
}
