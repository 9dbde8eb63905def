# "s3:*" on one specific bucket and its objects is scoped, not a wildcard grant;
# neither is a service wildcard on a specific table ARN.
data "aws_caller_identity" "current" {}

resource "aws_iam_policy" "reports" {
  name = "reports-rw"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "s3:*"
        Resource = ["arn:aws:s3:::acme-reports", "arn:aws:s3:::acme-reports/*"]
      },
      {
        Effect   = "Allow"
        Action   = ["dynamodb:*"]
        Resource = "arn:aws:dynamodb:us-east-1:${data.aws_caller_identity.current.account_id}:table/reports"
      }
    ]
  })
}
