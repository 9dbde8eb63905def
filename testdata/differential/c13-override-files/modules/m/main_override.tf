resource "aws_sqs_queue" "m" {
  count = 2
}
