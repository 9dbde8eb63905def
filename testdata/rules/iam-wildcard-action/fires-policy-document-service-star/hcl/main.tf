# An aws_iam_policy_document grants "s3:*" on "*" (every bucket of the account); the
# role policy that carries the document is the finding.
data "aws_iam_policy_document" "app" {
  statement {
    sid       = "SqsSend"
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:eu-central-1:${data.aws_caller_identity.current.account_id}:jobs"]
  }

  statement {
    sid       = "AllS3"
    effect    = "Allow"
    actions   = ["s3:*"]
    resources = ["*"]
  }
}

data "aws_caller_identity" "current" {}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "app" {
  name   = "app"
  role   = aws_iam_role.app.id
  policy = data.aws_iam_policy_document.app.json
}
