# A Deny statement with Action "*" on "*" (outside the corporate network) restricts,
# it grants nothing; the Allow statements are specific. Not a finding, in JSON text
# or in an aws_iam_policy_document.
resource "aws_iam_policy" "guardrail" {
  name = "guardrail"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["ec2:DescribeInstances", "ec2:DescribeVolumes"]
        Resource = "*"
      },
      {
        Effect    = "Deny"
        Action    = "*"
        Resource  = "*"
        Condition = { NotIpAddress = { "aws:SourceIp" = ["198.18.0.0/15"] } }
      }
    ]
  })
}

data "aws_iam_policy_document" "boundary" {
  statement {
    actions   = ["cloudwatch:PutMetricData"]
    resources = ["*"]
  }

  statement {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["false"]
    }
  }
}

resource "aws_iam_policy" "boundary" {
  name   = "boundary"
  policy = data.aws_iam_policy_document.boundary.json
}
