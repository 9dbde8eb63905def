# A literal account id in ARNs inside policies: an aws_iam_policy_document resource
# ARN (the finding is on the policy that carries the document) and a jsonencode
# trust-policy principal (a principal is not a finding: naming who may act is its point).
data "aws_iam_policy_document" "read_secret" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["arn:aws:secretsmanager:eu-central-1:111122223333:secret:app/db-AbCdEf"]
  }
}

resource "aws_iam_policy" "read_secret" {
  name   = "read-secret"
  policy = data.aws_iam_policy_document.read_secret.json
}

resource "aws_iam_role" "ci" {
  name = "ci"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/ci-runner" }
      Action    = "sts:AssumeRole"
    }]
  })
}
