variable "name" { type = string }
variable "alarms" {
  type = list(object({ name = string, threshold = number }))
  default = [
    { name = "depth", threshold = 100 },
    { name = "age", threshold = 300 },
  ]
}
data "aws_region" "here" {}

moved {
  from = aws_sqs_queue.q
  to   = aws_sqs_queue.queue
}

resource "aws_sqs_queue" "queue" {
  name = "${var.name}-${data.aws_region.here.name}"
}

resource "aws_cloudwatch_metric_alarm" "a" {
  for_each            = { for a in var.alarms : a.name => a }
  alarm_name          = "${var.name}-${each.key}"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  metric_name         = "ApproximateNumberOfMessagesVisible"
  namespace           = "AWS/SQS"
  period              = 60
  statistic           = "Maximum"
  threshold           = each.value.threshold
  dynamic "metric_query" {
    for_each = []
    content {
      id = metric_query.value
    }
  }
}
