# A two-region setup: production in us-east-1, disaster recovery in the
# region given by var.dr_region (terraform.tfvars sets it).

terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0" }
  }
}

variable "dr_region" {
  type    = string
  default = "us-east-2"
}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "dr"
  region = var.dr_region
}

resource "aws_kms_key" "primary" {
  description         = "primary data key"
  enable_key_rotation = true
}

resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  size              = 100
  encrypted         = true
  kms_key_id        = aws_kms_key.primary.arn
  tags              = { backup = "true" }
}

resource "aws_iam_role" "backup" {
  name = "backup"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "backup.amazonaws.com" } }]
  })
}

# The backup module lands in the DR region: its default provider is aws.dr.
module "backup" {
  source    = "./modules/backup"
  providers = { aws = aws.dr }

  role_arn = aws_iam_role.backup.arn
}
