# Failover alias records to two ALBs with evaluate_target_health = true and no
# health_check_id. RULES.md: "a failover routing record has no health_check_id" has no
# exception for alias target health, so both records are findings.
resource "aws_route53_zone" "public" {
  name = "acme-widgets.com"
}

resource "aws_lb" "us" {
  name               = "web-us"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
}

resource "aws_lb" "eu" {
  provider           = aws.eu
  name               = "web-eu"
  load_balancer_type = "application"
  subnets            = ["subnet-0f1e2d3c4b5a60001", "subnet-0f1e2d3c4b5a60002"]
}

resource "aws_route53_record" "web_primary" {
  zone_id        = aws_route53_zone.public.zone_id
  name           = "web.acme-widgets.com"
  type           = "A"
  set_identifier = "us"

  failover_routing_policy {
    type = "PRIMARY"
  }

  alias {
    name                   = aws_lb.us.dns_name
    zone_id                = aws_lb.us.zone_id
    evaluate_target_health = true
  }
}

resource "aws_route53_record" "web_secondary" {
  zone_id        = aws_route53_zone.public.zone_id
  name           = "web.acme-widgets.com"
  type           = "A"
  set_identifier = "eu"

  failover_routing_policy {
    type = "SECONDARY"
  }

  alias {
    name                   = aws_lb.eu.dns_name
    zone_id                = aws_lb.eu.zone_id
    evaluate_target_health = true
  }
}
