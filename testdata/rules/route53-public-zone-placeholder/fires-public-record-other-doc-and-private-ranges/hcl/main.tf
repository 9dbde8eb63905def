# The other documentation ranges (198.51.100.0/24, 203.0.113.0/24) and private
# ranges (172.16.0.0/12, 192.168.0.0/16), one record each, in a public zone.
resource "aws_route53_zone" "public" {
  name = "acme-widgets.net"
}

resource "aws_route53_record" "a" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "a.acme-widgets.net"
  type    = "A"
  ttl     = 300
  records = ["198.51.100.7"]
}

resource "aws_route53_record" "b" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "b.acme-widgets.net"
  type    = "A"
  ttl     = 300
  records = ["203.0.113.42"]
}

resource "aws_route53_record" "c" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "c.acme-widgets.net"
  type    = "A"
  ttl     = 300
  records = ["172.20.1.1"]
}

resource "aws_route53_record" "d" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "d.acme-widgets.net"
  type    = "A"
  ttl     = 300
  records = ["192.168.1.10"]
}

# Outside the private and documentation ranges though close to them: not findings.
resource "aws_route53_record" "e" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "e.acme-widgets.net"
  type    = "A"
  ttl     = 300
  records = ["172.32.0.1", "192.0.3.10"]
}
