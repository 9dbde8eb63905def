terraform {
  required_providers {
    aws = {
      source = "hashicorp/aws"
    }
  }
}

provider "aws" {
  region = var.r_default
}

provider "aws" {
  alias  = "tfvars"
  region = var.r_tfvars
}

provider "aws" {
  alias  = "tfvars_json"
  region = var.r_tfvars_json
}

provider "aws" {
  alias  = "auto"
  region = var.r_auto
}

provider "aws" {
  alias  = "auto_json"
  region = var.r_auto_json
}

provider "aws" {
  alias  = "var_file"
  region = var.r_var_file
}

provider "aws" {
  alias  = "var_before"
  region = var.r_var_before
}

provider "aws" {
  alias  = "var_after"
  region = var.r_var_after
}
