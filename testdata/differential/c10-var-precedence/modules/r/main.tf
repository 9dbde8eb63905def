data "aws_region" "this" {}
resource "aws_sqs_queue" "q" {
  name = "q"
}
