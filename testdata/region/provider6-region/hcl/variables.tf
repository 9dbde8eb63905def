variable "r" {
  type    = string
  default = null
}

variable "r2" {
  type    = string
  default = "ap-south-1"
}

variable "regions" {
  type = map(string)
  default = {
    primary = "us-east-1"
    dr      = "ca-central-1"
  }
}

locals {
  dr_region = lookup(var.regions, "dr", "us-east-2")
}
