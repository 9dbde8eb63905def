terraform {
  required_providers {
    aws = { source = "hashicorp/aws" }
  }
}
variable "r_default" { default = "us-east-1" }
variable "r_tfvars" { default = "us-east-1" }
variable "r_tfvars_json" { default = "us-east-1" }
variable "r_auto" { default = "us-east-1" }
variable "r_file" { default = "us-east-1" }
variable "r_cli" { default = "us-east-1" }
variable "r_map" {
  type    = map(string)
  default = { a = "us-east-1" }
}
variable "r_num" {
  type    = number
  default = 1
}
variable "r_list" {
  type    = list(string)
  default = ["us-east-1"]
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
  alias  = "file"
  region = var.r_file
}
provider "aws" {
  alias  = "cli"
  region = var.r_cli
}
provider "aws" {
  alias  = "map"
  region = var.r_map["b"]
}
provider "aws" {
  alias  = "num"
  region = "eu-west-${var.r_num}"
}
provider "aws" {
  alias  = "list"
  region = var.r_list[length(var.r_list) - 1]
}

module "r_default" {
  source = "./modules/r"
}
module "r_tfvars" {
  source    = "./modules/r"
  providers = { aws = aws.tfvars }
}
module "r_tfvars_json" {
  source    = "./modules/r"
  providers = { aws = aws.tfvars_json }
}
module "r_auto" {
  source    = "./modules/r"
  providers = { aws = aws.auto }
}
module "r_file" {
  source    = "./modules/r"
  providers = { aws = aws.file }
}
module "r_cli" {
  source    = "./modules/r"
  providers = { aws = aws.cli }
}
module "r_map" {
  source    = "./modules/r"
  providers = { aws = aws.map }
}
module "r_num" {
  source    = "./modules/r"
  providers = { aws = aws.num }
}
module "r_list" {
  source    = "./modules/r"
  providers = { aws = aws.list }
}
