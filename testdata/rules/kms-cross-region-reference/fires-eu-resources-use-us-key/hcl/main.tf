# A key created with the default (us-east-1) provider, used by resources in eu-central-1.
resource "aws_kms_key" "us_key" {
  description         = "app data key (us-east-1)"
  enable_key_rotation = true
}

# same region as the key: fine
resource "aws_ebs_volume" "us_data" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = true
  kms_key_id        = aws_kms_key.us_key.arn
}

resource "aws_ebs_volume" "eu_data" {
  provider          = aws.eu
  availability_zone = "eu-central-1a"
  size              = 10
  encrypted         = true
  kms_key_id        = aws_kms_key.us_key.arn
}

resource "aws_cloudwatch_log_group" "eu_logs" {
  provider   = aws.eu
  name       = "/app/eu"
  kms_key_id = aws_kms_key.us_key.arn
}

resource "aws_backup_vault" "eu_vault" {
  provider    = aws.eu
  name        = "app-eu-vault"
  kms_key_arn = aws_kms_key.us_key.arn
}

resource "aws_iam_role" "eu_fn_role" {
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

resource "aws_lambda_function" "eu_fn" {
  provider      = aws.eu
  function_name = "app-eu"
  role          = aws_iam_role.eu_fn_role.arn
  runtime       = "python3.12"
  handler       = "index.handler"
  s3_bucket     = "app-artifacts-eu"
  s3_key        = "app.zip"
  kms_key_arn   = aws_kms_key.us_key.arn
}
