data "aws_region" "child" {}
resource "aws_sns_topic" "child" {
  name = "child"
}
