data "aws_region" "m" {}
resource "aws_sqs_queue" "m" {
  name = "m"
}
