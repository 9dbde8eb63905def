# Weighted, latency and simple records without health checks are not failover records.
resource "aws_route53_zone" "public" {
  name = "acme-widgets.com"
}

resource "aws_route53_record" "blue" {
  zone_id        = aws_route53_zone.public.zone_id
  name           = "app.acme-widgets.com"
  type           = "A"
  ttl            = 60
  records        = ["18.204.10.20"]
  set_identifier = "blue"

  weighted_routing_policy {
    weight = 90
  }
}

resource "aws_route53_record" "green" {
  zone_id        = aws_route53_zone.public.zone_id
  name           = "app.acme-widgets.com"
  type           = "A"
  ttl            = 60
  records        = ["18.204.10.21"]
  set_identifier = "green"

  weighted_routing_policy {
    weight = 10
  }
}

resource "aws_route53_record" "api_eu" {
  zone_id        = aws_route53_zone.public.zone_id
  name           = "api.acme-widgets.com"
  type           = "A"
  ttl            = 60
  records        = ["3.120.10.20"]
  set_identifier = "eu"

  latency_routing_policy {
    region = "eu-central-1"
  }
}

resource "aws_route53_record" "www" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "www.acme-widgets.com"
  type    = "A"
  ttl     = 300
  records = ["18.204.10.20"]
}
