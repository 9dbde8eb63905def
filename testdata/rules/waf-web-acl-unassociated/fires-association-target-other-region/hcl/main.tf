# A REGIONAL ACL in us-east-1 is "associated" with an ALB in eu-west-1 (provider alias):
# a regional web ACL can only protect resources in its own region, so the ALB is
# unprotected and the ACL guards nothing.
resource "aws_wafv2_web_acl" "edge" {
  name  = "edge"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "edge"
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
  resource_arn = aws_lb.eu_web.arn
  web_acl_arn  = aws_wafv2_web_acl.edge.arn
}
