provider "aws" {
  region = "us-east-1"
}
variable "p" {
  type      = string
  sensitive = true
  default   = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"MarkedSid7q\",\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":[\"arn:aws:s3:::marked-bucket-7q\"]}]}"
}
variable "key_arn" {
  type      = string
  sensitive = true
  default   = "arn:aws:kms:eu-west-1:444455556666:key/marked-key-7q"
}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = var.p
}
resource "aws_sns_topic" "t" {
  name              = "t"
  kms_master_key_id = var.key_arn
}
resource "aws_iam_policy" "q" {
  name = "q"
  policy = sensitive(jsonencode({
    Statement = [{ Sid = "Other7q", Effect = "Allow", Action = "s3:*", Resource = "*" }]
  }))
}
resource "aws_backup_plan" "b" {
  name = "b"
  rule {
    rule_name         = sensitive("marked-rule-7q")
    target_vault_name = sensitive("missing-vault-7q")
    schedule          = sensitive("cron(0 5 * * *)")
  }
}
