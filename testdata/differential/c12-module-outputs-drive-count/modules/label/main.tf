variable "enabled" {
  type    = bool
  default = null
}
variable "namespace" { type = string }
variable "name" { type = string }
variable "attributes" {
  type    = list(string)
  default = []
}
locals {
  enabled = var.enabled == null ? true : var.enabled
  id      = join("-", compact(concat([var.namespace, var.name], var.attributes)))
  tags    = { Namespace = var.namespace, Name = local.id }
}
output "enabled" { value = local.enabled }
output "id" { value = local.enabled ? local.id : "" }
output "tags_keys" { value = keys(local.tags) }
output "context" {
  value = {
    enabled    = local.enabled
    namespace  = var.namespace
    name       = var.name
    attributes = var.attributes
  }
}
