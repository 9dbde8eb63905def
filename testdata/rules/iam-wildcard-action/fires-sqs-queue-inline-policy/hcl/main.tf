# The queue's own `policy` argument (not a separate aws_sqs_queue_policy) allows a
# role of the account Action "*": a finding on the queue.
data "aws_caller_identity" "current" {}

resource "aws_sqs_queue" "jobs" {
  name = "jobs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/worker" }
      Action    = "*"
      Resource  = "arn:aws:sqs:us-east-1:${data.aws_caller_identity.current.account_id}:jobs"
    }]
  })
}
