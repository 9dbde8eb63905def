# Rotation on in every form Terraform accepts: a literal, the string "true", a variable
# default, a tfvars value, a local, a module input, a rotation period.
variable "rotate_default" {
  type    = bool
  default = true
}

variable "rotate_tfvars" {
  type    = bool
  default = false
}

locals {
  rotate = true
}

resource "aws_kms_key" "literal" {
  description         = "literal"
  enable_key_rotation = true
}

resource "aws_kms_key" "string_true" {
  description         = "string"
  enable_key_rotation = "true"
}

resource "aws_kms_key" "from_variable" {
  description         = "variable default"
  enable_key_rotation = var.rotate_default
}

resource "aws_kms_key" "from_tfvars" {
  description         = "tfvars"
  enable_key_rotation = var.rotate_tfvars
}

resource "aws_kms_key" "from_local" {
  provider            = aws.eu
  description         = "local"
  enable_key_rotation = local.rotate
}

resource "aws_kms_key" "with_period" {
  description             = "yearly is the default; 180 days here"
  enable_key_rotation     = true
  rotation_period_in_days = 180
}

module "eu_key" {
  source = "./modules/key"
  providers = {
    aws = aws.eu
  }
  rotate = true
}
