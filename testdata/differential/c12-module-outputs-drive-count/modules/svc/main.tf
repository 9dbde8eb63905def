variable "context" { type = any }
variable "attributes" {
  type    = list(string)
  default = []
}
module "label" {
  source     = "../label"
  enabled    = var.context.enabled
  namespace  = var.context.namespace
  name       = var.context.name
  attributes = concat(var.context.attributes, var.attributes)
}
data "aws_region" "svc" {}
resource "aws_sqs_queue" "main" {
  count = module.label.enabled ? 1 : 0
  name  = module.label.id
}
resource "aws_cloudwatch_log_group" "logs" {
  for_each = module.label.enabled ? { app = 7, audit = 365 } : {}
  name              = "/${module.label.id}/${each.key}"
  retention_in_days = each.value
}
