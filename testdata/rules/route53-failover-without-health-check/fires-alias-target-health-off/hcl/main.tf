# Failover alias records to two load balancers, no health_check_id. The
# PRIMARY alias says evaluate_target_health = false: its target's name is known
# only after apply, but whether Route 53 evaluates its health is not, so
# Route 53 never sees it fail (a finding). The SECONDARY evaluates its
# target's health (clean).
resource "aws_route53_zone" "public" {
  name = "acme-widgets.com"
}

resource "aws_lb" "blue" {
  name               = "web-blue"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
}

resource "aws_lb" "green" {
  name               = "web-green"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
}

resource "aws_route53_record" "web_primary" {
  zone_id        = aws_route53_zone.public.zone_id
  name           = "web.acme-widgets.com"
  type           = "A"
  set_identifier = "blue"

  failover_routing_policy {
    type = "PRIMARY"
  }

  alias {
    name                   = aws_lb.blue.dns_name
    zone_id                = aws_lb.blue.zone_id
    evaluate_target_health = false
  }
}

resource "aws_route53_record" "web_secondary" {
  zone_id        = aws_route53_zone.public.zone_id
  name           = "web.acme-widgets.com"
  type           = "A"
  set_identifier = "green"

  failover_routing_policy {
    type = "SECONDARY"
  }

  alias {
    name                   = aws_lb.green.dns_name
    zone_id                = aws_lb.green.zone_id
    evaluate_target_health = true
  }
}
