resource "aws_route53_zone" "public" {
  name = "tfward-global.net"
}

resource "aws_route53_health_check" "app" {
  fqdn              = "app.tfward-global.net"
  port              = 443
  type              = "HTTPS"
  resource_path     = "/health"
  failure_threshold = 3
  request_interval  = 30
}

resource "aws_route53_record" "app" {
  zone_id         = aws_route53_zone.public.zone_id
  name            = "app.tfward-global.net"
  type            = "CNAME"
  ttl             = 300
  records         = [aws_cloudfront_distribution.cdn.domain_name]
  health_check_id = aws_route53_health_check.app.id
}

# Trap: Route 53 Resolver is regional (eu-west-1), despite the aws_route53_ prefix.
resource "aws_route53_resolver_firewall_domain_list" "blocked" {
  name    = "tfward-blocked"
  domains = ["bad.tfward-global.net."]
}

resource "aws_route53_resolver_firewall_rule_group" "main" {
  name = "tfward-firewall"
}
