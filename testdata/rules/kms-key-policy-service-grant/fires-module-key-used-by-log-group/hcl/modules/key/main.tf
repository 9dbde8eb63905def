data "aws_caller_identity" "current" {}

resource "aws_kms_key" "this" {
  description         = "module key, root statement only"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Root"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

output "key_arn" {
  value = aws_kms_key.this.arn
}
