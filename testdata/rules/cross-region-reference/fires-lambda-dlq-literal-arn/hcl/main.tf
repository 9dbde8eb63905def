# A function in us-west-2 whose dead-letter queue is a literal SQS ARN in eu-west-1:
# Lambda can only send to a DLQ of its own region.
provider "aws" {
  region = "us-west-2"
}

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

resource "aws_lambda_function" "fn" {
  function_name = "fn"
  role          = aws_iam_role.fn.arn
  runtime       = "python3.12"
  handler       = "index.handler"
  s3_bucket     = "artifacts-111122223333-us-west-2"
  s3_key        = "fn.zip"

  dead_letter_config {
    target_arn = "arn:aws:sqs:eu-west-1:111122223333:fn-dlq"
  }
}
