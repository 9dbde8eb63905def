# Neither failover record has a health_check_id: one finding per record.
resource "aws_route53_zone" "public" {
  name = "acme-widgets.com"
}

resource "aws_route53_record" "app_primary" {
  zone_id        = aws_route53_zone.public.zone_id
  name           = "app.acme-widgets.com"
  type           = "CNAME"
  ttl            = 60
  records        = ["app-us.acme-widgets.com"]
  set_identifier = "us"

  failover_routing_policy {
    type = "PRIMARY"
  }
}

resource "aws_route53_record" "app_secondary" {
  zone_id        = aws_route53_zone.public.zone_id
  name           = "app.acme-widgets.com"
  type           = "CNAME"
  ttl            = 60
  records        = ["app-eu.acme-widgets.com"]
  set_identifier = "eu"

  failover_routing_policy {
    type = "SECONDARY"
  }
}
