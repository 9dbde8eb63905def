# REGIONAL ACLs each associated with an ALB in their own region: one through the default
# provider, one entirely through the eu alias.
resource "aws_wafv2_web_acl" "web" {
  name  = "web"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "web"
    sampled_requests_enabled   = true
  }
}

resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
}

resource "aws_wafv2_web_acl_association" "web" {
  resource_arn = aws_lb.web.arn
  web_acl_arn  = aws_wafv2_web_acl.web.arn
}

resource "aws_wafv2_web_acl" "eu_web" {
  provider = aws.eu
  name     = "web-eu"
  scope    = "REGIONAL"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "web-eu"
    sampled_requests_enabled   = true
  }
}

resource "aws_lb" "eu_web" {
  provider           = aws.eu
  name               = "web-eu"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
}

resource "aws_wafv2_web_acl_association" "eu_web" {
  provider     = aws.eu
  resource_arn = aws_lb.eu_web.arn
  web_acl_arn  = aws_wafv2_web_acl.eu_web.arn
}
