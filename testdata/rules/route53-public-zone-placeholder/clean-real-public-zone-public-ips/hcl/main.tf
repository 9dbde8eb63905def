# A real-looking public zone with public addresses, a CNAME and an alias to an ALB;
# a zone whose name merely contains "example" (myexample.com) is not reserved.
resource "aws_route53_zone" "public" {
  name = "acme-widgets.com"
}

resource "aws_route53_zone" "lookalike" {
  name = "myexample.com"
}

resource "aws_route53_record" "www" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "www.acme-widgets.com"
  type    = "A"
  ttl     = 300
  records = ["18.204.10.20", "52.94.236.248"]
}

resource "aws_route53_record" "shop" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "shop.acme-widgets.com"
  type    = "CNAME"
  ttl     = 300
  records = ["www.acme-widgets.com"]
}

resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]
}

resource "aws_route53_record" "apex" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "acme-widgets.com"
  type    = "A"

  alias {
    name                   = aws_lb.web.dns_name
    zone_id                = aws_lb.web.zone_id
    evaluate_target_health = true
  }
}
