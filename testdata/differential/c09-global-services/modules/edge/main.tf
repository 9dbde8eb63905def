variable "scope" {
  type    = string
  default = "CLOUDFRONT"
}
data "aws_region" "e" {}
resource "aws_cloudfront_origin_access_control" "oac" {
  name                              = "oac-${var.scope}"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}
resource "aws_cloudfront_function" "f" {
  name    = "f-${var.scope}"
  runtime = "cloudfront-js-2.0"
  code    = "function handler(e) { return e.request; }"
}
resource "aws_wafv2_regex_pattern_set" "rp" {
  name  = "rp"
  scope = var.scope
  regular_expression {
    regex_string = "^/admin"
  }
}
resource "aws_wafv2_rule_group" "rg" {
  name     = "rg"
  scope    = upper(lower(var.scope))
  capacity = 10
  visibility_config {
    cloudwatch_metrics_enabled = false
    metric_name                = "rg"
    sampled_requests_enabled   = false
  }
}
