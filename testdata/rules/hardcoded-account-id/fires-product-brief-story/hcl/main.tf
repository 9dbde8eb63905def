# The product-brief story: a template with a single-region trail, an unassociated
# WAF ACL, a role whose inline policy allows Action "*", and hardcoded names and
# account ids in ARNs. Each rule sees only its own part of it:
#   iam-wildcard-action       -> aws_iam_role_policy.deploy_admin ("*" on "*")
#   waf-web-acl-unassociated  -> aws_wafv2_web_acl.api (REGIONAL, no association)
#   hardcoded-account-id      -> aws_lambda_function.api (role ARN); the trust policy
#                                principal of aws_iam_role.deploy is not one
resource "aws_s3_bucket" "trail" {
  bucket = "acme-cloudtrail-logs"
}

resource "aws_cloudtrail" "main" {
  name           = "acme-trail"
  s3_bucket_name = aws_s3_bucket.trail.id
}

resource "aws_wafv2_web_acl" "api" {
  name  = "acme-api"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "acme-api"
    sampled_requests_enabled   = true
  }
}

resource "aws_iam_role" "deploy" {
  name = "acme-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "deploy_admin" {
  name = "admin"
  role = aws_iam_role.deploy.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "*"
      Resource = "*"
    }]
  })
}

resource "aws_lambda_function" "api" {
  function_name = "acme-api"
  role          = "arn:aws:iam::111122223333:role/acme-api-fn"
  runtime       = "python3.12"
  handler       = "index.handler"
  s3_bucket     = "acme-artifacts"
  s3_key        = "api.zip"
}
