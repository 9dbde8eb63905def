resource "aws_sqs_queue" "moved_by_override" {
  provider = aws
}
resource "aws_sns_topic" "counted" {
  count = 3
}
module "m" {
  providers = {
    aws = aws
  }
}
