# Public hosted zones for reserved names: example.com (RFC 2606), foo.test, corp.local,
# build.invalid (RFC 6761) can never be delegated, so these zones serve nobody. One
# finding per zone; their records (public addresses) add none.
resource "aws_route53_zone" "example" {
  name = "example.com"
}

resource "aws_route53_zone" "staging" {
  name = "foo.test"
}

resource "aws_route53_zone" "corp" {
  name = "corp.local"
}

resource "aws_route53_zone" "build" {
  name = "build.invalid"
}

resource "aws_route53_record" "www" {
  zone_id = aws_route53_zone.example.zone_id
  name    = "www.example.com"
  type    = "A"
  ttl     = 300
  records = ["18.204.10.20"]
}
