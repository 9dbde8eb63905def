# Mentions no provider at all: no resources, no required_providers. Its child
# still inherits the root default aws implicitly.
variable "name" {
  type = string
}

module "leaf" {
  source = "../leaf"
  name   = "${var.name}-leaf"
}

output "leaf_bucket" {
  value = module.leaf.bucket
}
