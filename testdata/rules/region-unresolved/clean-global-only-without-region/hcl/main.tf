# The provider has no region, but it only creates global resources (IAM, Route 53): nothing
# regional is left unresolved.
provider "aws" {}

resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "app" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_route53_zone" "public" {
  name = "corp-app.net"
}

resource "aws_route53_record" "www" {
  zone_id = aws_route53_zone.public.zone_id
  name    = "www.corp-app.net"
  type    = "CNAME"
  ttl     = 300
  records = ["app.corp-app.net"]
}

resource "terraform_data" "marker" {
  input = "not an AWS resource"
}
