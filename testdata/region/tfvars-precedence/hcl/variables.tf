# Each variable feeds one provider configuration; each is last set by a
# different layer of Terraform's variable precedence.

variable "r_default" { # only the default
  type    = string
  default = "us-east-1"
}

variable "r_tfvars" { # default < terraform.tfvars
  type    = string
  default = "us-east-2"
}

variable "r_tfvars_json" { # terraform.tfvars < terraform.tfvars.json
  type    = string
  default = "us-west-1"
}

variable "r_auto" { # terraform.tfvars.json < a.auto.tfvars < b.auto.tfvars
  type    = string
  default = "ca-central-1"
}

variable "r_auto_json" { # a.auto.tfvars < a.auto.tfvars.json (lexical file order, not "all .tfvars first")
  type    = string
  default = "sa-east-1"
}

variable "r_var_file" { # b.auto.tfvars < -var-file
  type    = string
  default = "eu-west-3"
}

variable "r_var_before" { # -var given BEFORE the -var-file loses to it
  type    = string
  default = "ap-east-1"
}

variable "r_var_after" { # -var-file < -var given after it
  type    = string
  default = "me-south-1"
}
