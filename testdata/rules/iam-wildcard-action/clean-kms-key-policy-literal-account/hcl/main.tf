# A key policy that grants "kms:*" to the account root and to a key-administrator
# role of the same account, both written as literal ARNs (no aws_caller_identity in
# the configuration). Same-account principals: not a finding (a hardcoded account id
# is another rule's business).
resource "aws_kms_key" "app" {
  description         = "app"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EnableRootPermissions"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "KeyAdministrators"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/key-admin" }
        Action    = "kms:*"
        Resource  = "*"
      }
    ]
  })
}
