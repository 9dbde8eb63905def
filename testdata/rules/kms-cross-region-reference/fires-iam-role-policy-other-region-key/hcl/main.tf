# The Lambda runs in eu-central-1; its role is granted kms:Decrypt on the us-east-1 key only.
resource "aws_kms_key" "us_key" {
  description         = "us key"
  enable_key_rotation = true
}

resource "aws_kms_key" "eu_key" {
  provider            = aws.eu
  description         = "eu key"
  enable_key_rotation = true
}

resource "aws_iam_role" "fn_role" {
  name = "app-eu-fn"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "fn_kms" {
  name = "decrypt"
  role = aws_iam_role.fn_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["kms:Decrypt"]
      Resource = aws_kms_key.us_key.arn
    }]
  })
}

resource "aws_lambda_function" "eu_fn" {
  provider      = aws.eu
  function_name = "app-eu"
  role          = aws_iam_role.fn_role.arn
  runtime       = "python3.12"
  handler       = "index.handler"
  s3_bucket     = "app-artifacts-eu"
  s3_key        = "app.zip"
  kms_key_arn   = aws_kms_key.eu_key.arn
}
