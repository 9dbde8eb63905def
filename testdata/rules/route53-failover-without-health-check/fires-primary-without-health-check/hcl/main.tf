# The PRIMARY failover record has no health check, so Route 53 never sees it fail and
# never fails over; the SECONDARY has one (clean).
resource "aws_route53_zone" "public" {
  name = "acme-widgets.com"
}

resource "aws_route53_health_check" "secondary" {
  fqdn              = "dr.acme-widgets.com"
  port              = 443
  type              = "HTTPS"
  resource_path     = "/health"
  failure_threshold = 3
  request_interval  = 30
}

resource "aws_route53_record" "api_primary" {
  zone_id        = aws_route53_zone.public.zone_id
  name           = "api.acme-widgets.com"
  type           = "A"
  ttl            = 60
  records        = ["18.204.10.20"]
  set_identifier = "primary"

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
