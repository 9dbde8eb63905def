variable "name" {
  type = string
}

resource "aws_sns_topic" "this" {
  name = "inner-${var.name}"
}
