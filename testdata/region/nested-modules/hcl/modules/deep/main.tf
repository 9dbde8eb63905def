# Third level: module.backup.module.inner.module.deep
resource "aws_cloudwatch_log_group" "deep" {
  name = "/tfward/nested/deep"
}

data "aws_region" "deep" {}

resource "aws_iam_policy" "deep" {
  name = "tfward-nested-deep"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "logs:PutLogEvents", Resource = "${aws_cloudwatch_log_group.deep.arn}:*" }]
  })
}
