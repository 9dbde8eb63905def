variable "enabled" {
  type     = bool
  default  = true
  nullable = false
}
variable "maybe" {
  type    = string
  default = "has-default"
}
variable "settings" {
  type = object({
    name   = string
    extra  = optional(number, 0)
    queues = optional(list(string), ["main"])
    flags  = optional(object({ fifo = optional(bool, false) }), {})
  })
}
data "aws_region" "w" {}
resource "aws_sqs_queue" "q" {
  for_each   = var.enabled ? toset(var.settings.queues) : toset([])
  name       = "${var.settings.name}-${each.key}${var.settings.flags.fifo ? ".fifo" : ""}"
  fifo_queue = var.settings.flags.fifo
}
resource "aws_sns_topic" "maybe" {
  count = var.maybe == null ? 0 : 1 + var.settings.extra
  name  = "t"
}
