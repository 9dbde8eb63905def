# "${aws_cloudwatch_log_group.worker.arn}:*" in a document and in jsonencode: the
# grants match the group's streams.
resource "aws_cloudwatch_log_group" "worker" {
  name              = "/app/worker"
  retention_in_days = 14
}

data "aws_iam_policy_document" "worker_logs" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.worker.arn}:*"]
  }
}

resource "aws_iam_role" "worker" {
  name = "worker"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "worker_logs" {
  name   = "logs"
  role   = aws_iam_role.worker.id
  policy = data.aws_iam_policy_document.worker_logs.json
}

resource "aws_iam_policy" "worker_logs_managed" {
  name = "worker-logs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "${aws_cloudwatch_log_group.worker.arn}:*"
    }]
  })
}
