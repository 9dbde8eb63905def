variable "name" {
  type = string
}

resource "aws_sqs_queue" "jobs" {
  name = "${var.name}-jobs"
}

resource "aws_cloudwatch_log_group" "jobs" {
  name = "/app/${var.name}"
}
