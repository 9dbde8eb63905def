# OpenTofu 1.9+: one provider configuration per region.
variable "regions" {
  type = map(string)
  default = {
    tokyo  = "ap-northeast-1"
    paris  = "eu-west-3"
    oregon = "us-west-2"
  }
}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias    = "cell"
  for_each = var.regions
  region   = each.value
}
