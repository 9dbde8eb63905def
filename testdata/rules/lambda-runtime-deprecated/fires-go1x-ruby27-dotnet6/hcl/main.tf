# go1.x, ruby2.7 and dotnet6 are deprecated; the go function gets its runtime from a
# variable default.
variable "go_runtime" {
  type    = string
  default = "go1.x"
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


resource "aws_lambda_function" "collector" {
  function_name = "collector"
  role          = aws_iam_role.fn.arn
  runtime       = var.go_runtime
  handler       = "bootstrap"
  s3_bucket     = "acme-artifacts"
  s3_key        = "collector.zip"
}

resource "aws_lambda_function" "billing" {
  function_name = "billing"
  role          = aws_iam_role.fn.arn
  runtime       = "ruby2.7"
  handler       = "app.handler"
  s3_bucket     = "acme-artifacts"
  s3_key        = "billing.zip"
}

resource "aws_lambda_function" "invoices" {
  function_name = "invoices"
  role          = aws_iam_role.fn.arn
  runtime       = "dotnet6"
  handler       = "Invoices::Invoices.Function::Handler"
  s3_bucket     = "acme-artifacts"
  s3_key        = "invoices.zip"
}
