# A real-looking public zone holding records that point at a documentation address
# (192.0.2.10, TEST-NET-1) and at a private address (10.0.0.5): copied placeholders
# that resolve to nothing useful on the internet. One finding per record; the
# record with a public address is fine.
resource "aws_route53_zone" "public" {
  name = "acme-widgets.com"
}

resource "aws_route53_record" "api" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "api.acme-widgets.com"
  type    = "A"
  ttl     = 300
  records = ["192.0.2.10"]
}

resource "aws_route53_record" "db" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "db.acme-widgets.com"
  type    = "A"
  ttl     = 300
  records = ["10.0.0.5"]
}

resource "aws_route53_record" "www" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "www.acme-widgets.com"
  type    = "A"
  ttl     = 300
  records = ["18.204.10.20"]
}
