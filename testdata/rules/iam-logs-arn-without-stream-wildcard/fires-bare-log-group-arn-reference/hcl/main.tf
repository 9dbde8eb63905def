# The document grants logs:PutLogEvents on the bare `aws_cloudwatch_log_group.worker.arn`
# (the group ARN, no ":*"): the grant matches no stream. The role policy that carries
# the document is the finding.
resource "aws_cloudwatch_log_group" "worker" {
  name              = "/app/worker"
  retention_in_days = 14
}

data "aws_iam_policy_document" "worker_logs" {
  statement {
    actions   = ["logs:PutLogEvents"]
    resources = [aws_cloudwatch_log_group.worker.arn]
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
