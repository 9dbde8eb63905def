variable "env" {
  type    = string
  default = "prod"
  validation {
    condition     = contains(["dev", "stage", "prod"], var.env)
    error_message = "env must be dev, stage or prod."
  }
}

variable "regions" {
  type = map(object({
    primary   = string
    secondary = optional(string, "us-west-2")
    tertiary  = optional(string)
  }))
  default = {
    dev   = { primary = "eu-west-1" }
    stage = { primary = "eu-central-1", secondary = "eu-west-3" }
    prod  = { primary = "us-east-1", secondary = "us-west-2", tertiary = "ap-southeast-2" }
  }
}

variable "buckets" {
  type = map(object({
    enabled    = optional(bool, true)
    versioning = optional(bool, false)
    replicate  = optional(bool, false)
    tags       = optional(map(string), {})
  }))
  default = {
    logs      = { versioning = true }
    artifacts = { replicate = true, tags = { Team = "ci" } }
    legacy    = { enabled = false }
    "data-lake" = { versioning = true, replicate = true }
  }
}

variable "create" {
  type    = bool
  default = true
}

variable "create_dr" {
  type    = bool
  default = false
}
