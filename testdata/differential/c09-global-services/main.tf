terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}

variable "waf_scope" {
  type    = string
  default = "CLOUDFRONT"
}

provider "aws" {
  region = "eu-west-1"
}
provider "aws" {
  alias  = "use1"
  region = "us-east-1"
}
provider "aws" {
  alias  = "apse2"
  region = "ap-southeast-2"
}

data "aws_region" "d" {}
data "aws_region" "use1" { provider = aws.use1 }
data "aws_region" "apse2" { provider = aws.apse2 }
data "aws_partition" "p" {}
data "aws_caller_identity" "c" { provider = aws.apse2 }

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "r" {
  provider           = aws.apse2
  name               = "r"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = data.aws_iam_policy_document.assume.json
}
resource "aws_iam_role_policy_attachment" "a" {
  role       = aws_iam_role.r.name
  policy_arn = aws_iam_policy.p.arn
}
resource "aws_iam_user" "u" {
  name = "u"
}
resource "aws_iam_openid_connect_provider" "gh" {
  url             = "https://token.actions.githubusercontent.com"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = ["6938fd4d98bab03faadb97b34396831e3780aea1"]
}

resource "aws_route53_zone" "z" {
  name = "corp.internal.invalid"
}
resource "aws_route53_record" "r" {
  zone_id = aws_route53_zone.z.zone_id
  name    = "www"
  type    = "A"
  ttl     = 60
  records = ["10.1.2.3"]
}
resource "aws_route53_health_check" "hc" {
  fqdn              = "corp.internal.invalid"
  port              = 443
  type              = "HTTPS"
  failure_threshold = 3
  request_interval  = 30
}

resource "aws_wafv2_web_acl" "cf" {
  provider = aws.use1
  name     = "cf"
  scope    = var.waf_scope
  default_action {
    allow {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = false
    metric_name                = "cf"
    sampled_requests_enabled   = false
  }
}
resource "aws_wafv2_web_acl" "regional" {
  provider = aws.apse2
  name     = "reg"
  scope    = "REGIONAL"
  default_action {
    allow {}
  }
  visibility_config {
    cloudwatch_metrics_enabled = false
    metric_name                = "reg"
    sampled_requests_enabled   = false
  }
}
resource "aws_wafv2_ip_set" "cf" {
  provider           = aws.use1
  name               = "ips"
  scope              = "CLOUDFRONT"
  ip_address_version = "IPV4"
  addresses          = ["192.0.2.0/24"]
}

resource "aws_acm_certificate" "cf" {
  provider          = aws.use1
  domain_name       = "corp.internal.invalid"
  validation_method = "DNS"
}

resource "aws_organizations_policy" "scp" {
  name    = "deny"
  content = "{}"
}

resource "aws_s3_bucket" "regional" {
  bucket = "tfward-c09"
}
resource "aws_s3_account_public_access_block" "acct" {
  block_public_acls = true
}
resource "aws_budgets_budget" "b" {
  name         = "b"
  budget_type  = "COST"
  limit_amount = "10"
  limit_unit   = "USD"
  time_unit    = "MONTHLY"
}
resource "aws_shield_protection" "sp" {
  name         = "sp"
  resource_arn = "arn:aws:cloudfront::111122223333:distribution/EXAMPLE"
}

module "edge" {
  source = "./modules/edge"
  providers = {
    aws = aws.apse2
  }
  scope = "REGIONAL"
}
module "edge_cf" {
  source = "./modules/edge"
  providers = {
    aws = aws.use1
  }
}
