# The default-style key policy: "kms:*" on "*" to the account root and to a key
# administrator role of the same account. Inside a key policy "*" means this key
# alone, so this is not a finding. The same shape through aws_kms_key_policy and an
# aws_iam_policy_document is not one either.
data "aws_caller_identity" "current" {}

resource "aws_kms_key" "app" {
  description         = "app"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EnableRootPermissions"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "KeyAdmins"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/key-admin" }
        Action    = ["kms:*"]
        Resource  = "*"
      }
    ]
  })
}

resource "aws_kms_key" "logs" {
  description         = "logs"
  enable_key_rotation = true
}

data "aws_iam_policy_document" "logs_key" {
  statement {
    sid       = "EnableRootPermissions"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${data.aws_caller_identity.current.account_id}:root"]
    }
  }
}

resource "aws_kms_key_policy" "logs" {
  key_id = aws_kms_key.logs.id
  policy = data.aws_iam_policy_document.logs_key.json
}
