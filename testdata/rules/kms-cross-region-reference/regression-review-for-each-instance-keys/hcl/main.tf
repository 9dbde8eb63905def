provider "aws" { region = "us-east-1" }
locals {
  regions = toset(["us-east-1", "us-west-2"])
}
resource "aws_kms_key" "k" {
  for_each            = local.regions
  region              = each.key
  enable_key_rotation = true
}
resource "aws_sns_topic" "t" {
  for_each          = local.regions
  region            = each.key
  name              = "t-${each.key}"
  kms_master_key_id = aws_kms_key.k[each.key].arn
}
resource "aws_sqs_queue" "q" {
  count             = 2
  region            = ["us-east-1", "us-west-2"][count.index]
  name              = "q${count.index}"
  kms_master_key_id = aws_kms_key.k[tolist(local.regions)[count.index]].arn
}
