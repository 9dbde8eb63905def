# An alarm in us-east-1 notifies a literal SNS topic ARN in eu-west-1; alarm actions must be
# topics of the alarm's own region. The us-east-1 OK action is fine.
provider "aws" {
  region = "us-east-1"
}

resource "aws_cloudwatch_metric_alarm" "cpu" {
  alarm_name          = "cpu-high"
  namespace           = "AWS/EC2"
  metric_name         = "CPUUtilization"
  statistic           = "Average"
  period              = 300
  evaluation_periods  = 1
  threshold           = 80
  comparison_operator = "GreaterThanThreshold"
  alarm_actions       = ["arn:aws:sns:eu-west-1:111122223333:alerts"]
  ok_actions          = ["arn:aws:sns:us-east-1:111122223333:alerts"]
}
