# An SNS topic in us-east-1 delivers to an SQS queue in eu-west-1: SNS supports cross-region
# SQS subscriptions, and the queue policy on aws.eu names the topic ARN as its source.
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}

resource "aws_sns_topic" "events" {
  name = "events"
}

resource "aws_sqs_queue" "events_eu" {
  provider = aws.eu
  name     = "events-eu"
}

resource "aws_sns_topic_subscription" "events_eu" {
  topic_arn = aws_sns_topic.events.arn
  protocol  = "sqs"
  endpoint  = aws_sqs_queue.events_eu.arn
}

resource "aws_sqs_queue_policy" "events_eu" {
  provider  = aws.eu
  queue_url = aws_sqs_queue.events_eu.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.events_eu.arn
      Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.events.arn } }
    }]
  })
}
