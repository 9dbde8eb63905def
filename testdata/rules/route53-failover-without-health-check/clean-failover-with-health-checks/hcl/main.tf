# Both failover records carry a health check (one per endpoint).
resource "aws_route53_zone" "public" {
  name = "acme-widgets.com"
}

resource "aws_route53_health_check" "primary" {
  fqdn              = "us.acme-widgets.com"
  port              = 443
  type              = "HTTPS"
  resource_path     = "/health"
  failure_threshold = 3
  request_interval  = 30
}

resource "aws_route53_health_check" "secondary" {
  fqdn              = "eu.acme-widgets.com"
  port              = 443
  type              = "HTTPS"
  resource_path     = "/health"
  failure_threshold = 3
  request_interval  = 30
}

resource "aws_route53_record" "api_primary" {
  zone_id         = aws_route53_zone.public.zone_id
  name            = "api.acme-widgets.com"
  type            = "A"
  ttl             = 60
  records         = ["18.204.10.20"]
  set_identifier  = "primary"
  health_check_id = aws_route53_health_check.primary.id

  failover_routing_policy {
    type = "PRIMARY"
  }
}

resource "aws_route53_record" "api_secondary" {
  zone_id         = aws_route53_zone.public.zone_id
  name            = "api.acme-widgets.com"
  type            = "A"
  ttl             = 60
  records         = ["3.120.10.20"]
  set_identifier  = "secondary"
  health_check_id = aws_route53_health_check.secondary.id

  failover_routing_policy {
    type = "SECONDARY"
  }
}
