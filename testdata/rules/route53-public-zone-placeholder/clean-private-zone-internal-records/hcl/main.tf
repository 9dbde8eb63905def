# A private hosted zone (vpc block) may use a reserved name (.local) and hold
# private addresses: that is what it is for.
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_route53_zone" "internal" {
  name = "svc.local"

  vpc {
    vpc_id = aws_vpc.main.id
  }
}

resource "aws_route53_record" "db" {
  zone_id = aws_route53_zone.internal.zone_id
  name    = "db.svc.local"
  type    = "A"
  ttl     = 60
  records = ["10.0.0.5"]
}

resource "aws_route53_record" "cache" {
  zone_id = aws_route53_zone.internal.zone_id
  name    = "cache.svc.local"
  type    = "A"
  ttl     = 60
  records = ["10.0.12.7", "10.0.13.7"]
}
