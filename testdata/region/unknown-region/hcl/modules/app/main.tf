variable "name" {
  type = string
}

resource "aws_cloudwatch_log_group" "this" {
  name = "/tfward/unknown/${var.name}"
}

resource "aws_iam_policy" "this" {
  name = "tfward-unknown-${var.name}"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "logs:PutLogEvents", Resource = "${aws_cloudwatch_log_group.this.arn}:*" }]
  })
}
