# A role's own inline_policy block grants "ec2:*" on "*" (Action and Resource as
# single-element lists); the role is the finding.
resource "aws_iam_role" "builder" {
  name = "image-builder"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })

  inline_policy {
    name = "ec2"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect   = "Allow"
        Action   = ["ec2:*"]
        Resource = ["*"]
      }]
    })
  }
}
