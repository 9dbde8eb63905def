variable "name" { type = string }
data "aws_region" "sub" {}
resource "aws_sqs_queue" "s" {
  count = var.name == "dev-a" ? 2 : 1
  name  = var.name
}
