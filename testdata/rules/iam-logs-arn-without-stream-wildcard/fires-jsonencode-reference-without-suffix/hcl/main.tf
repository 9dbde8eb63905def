# jsonencode with Resource = the bare log group ARN reference, in a managed policy.
resource "aws_cloudwatch_log_group" "batch" {
  name              = "/app/batch"
  retention_in_days = 14
}

resource "aws_iam_policy" "batch_logs" {
  name = "batch-logs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = [aws_cloudwatch_log_group.batch.arn]
    }]
  })
}
