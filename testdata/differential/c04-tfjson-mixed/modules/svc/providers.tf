terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.peer]
    }
  }
}
data "aws_region" "svc" {}
data "aws_region" "peer" { provider = aws.peer }
