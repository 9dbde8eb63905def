resource "aws_vpc" "this" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_security_group" "this" {
  name   = "app"
  vpc_id = aws_vpc.this.id
}

output "security_group_id" {
  value = aws_security_group.this.id
}
