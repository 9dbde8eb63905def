variable "index" {
  type = number
}

resource "aws_sqs_queue" "q" {
  for_each = toset(["in", "out"])
  name     = "tfward-fec-${var.index}-${each.key}"
}

data "aws_region" "here" {}
