# A customer-managed policy written as a JSON heredoc allows "*" on "*"; it is attached
# to a role. The policy is the root cause: one finding on it, none on the attachment.
resource "aws_iam_role" "ops" {
  name = "ops"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_policy" "ops_admin" {
  name   = "ops-admin"
  policy = <<-JSON
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "ReadLogs",
          "Effect": "Allow",
          "Action": ["logs:GetLogEvents", "logs:DescribeLogGroups"],
          "Resource": "*"
        },
        {
          "Sid": "Everything",
          "Effect": "Allow",
          "Action": ["*"],
          "Resource": ["*"]
        }
      ]
    }
  JSON
}

resource "aws_iam_role_policy_attachment" "ops_admin" {
  role       = aws_iam_role.ops.name
  policy_arn = aws_iam_policy.ops_admin.arn
}
