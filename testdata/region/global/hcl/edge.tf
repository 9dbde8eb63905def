# Regional: the certificate CloudFront uses must live in us-east-1, but it is
# an ordinary regional resource.
resource "aws_acm_certificate" "cdn" {
  provider          = aws.use1
  domain_name       = "cdn.tfward-global.net"
  validation_method = "DNS"
}

resource "aws_cloudfront_origin_access_control" "site" {
  name                              = "tfward-site"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_s3_bucket" "site" {
  bucket = "tfward-global-site"
}

# Global, although it is declared on the eu-west-1 default provider.
resource "aws_cloudfront_distribution" "cdn" {
  enabled    = true
  aliases    = ["cdn.tfward-global.net"]
  web_acl_id = aws_wafv2_web_acl.edge.arn

  origin {
    domain_name              = aws_s3_bucket.site.bucket_regional_domain_name
    origin_id                = "site"
    origin_access_control_id = aws_cloudfront_origin_access_control.site.id
  }

  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    forwarded_values {
      query_string = false
      cookies {
        forward = "none"
      }
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn = aws_acm_certificate.cdn.arn
    ssl_support_method  = "sni-only"
  }
}

resource "aws_wafv2_web_acl" "edge" {
  provider = aws.use1
  name     = "tfward-edge"
  scope    = "CLOUDFRONT"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "tfward-edge"
    sampled_requests_enabled   = true
  }
}

# Trap: same resource type, REGIONAL scope, default provider: eu-west-1.
resource "aws_wafv2_web_acl" "api" {
  name  = "tfward-api"
  scope = "REGIONAL"

  default_action {
    block {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "tfward-api"
    sampled_requests_enabled   = true
  }
}

# scope through a local: CLOUDFRONT, so global
resource "aws_wafv2_ip_set" "edge_block" {
  provider           = aws.use1
  name               = "tfward-edge-block"
  scope              = local.edge_scope
  ip_address_version = "IPV4"
  addresses          = ["198.51.100.7/32"]
}

resource "aws_wafv2_ip_set" "api_block" {
  name               = "tfward-api-block"
  scope              = "REGIONAL"
  ip_address_version = "IPV4"
  addresses          = ["198.51.100.8/32"]
}

# WAF classic is global; WAF Regional is not.
resource "aws_waf_ipset" "classic" {
  name = "tfward-classic"
}

resource "aws_wafregional_ipset" "regional" {
  name = "tfward-regional"
}

resource "aws_globalaccelerator_accelerator" "ga" {
  name            = "tfward-ga"
  ip_address_type = "IPV4"
  enabled         = true
}
