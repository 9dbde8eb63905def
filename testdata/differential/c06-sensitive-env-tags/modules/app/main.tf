terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.dr]
    }
  }
}
variable "secret" {
  type      = string
  sensitive = true
}
data "aws_region" "main" {}
data "aws_region" "dr" { provider = aws.dr }

resource "aws_ssm_parameter" "p" {
  name  = "/app/${data.aws_region.main.name}"
  type  = "SecureString"
  value = var.secret
}
resource "aws_ssm_parameter" "dr" {
  provider = aws.dr
  name     = "/app/dr"
  type     = "SecureString"
  value    = var.secret
}
