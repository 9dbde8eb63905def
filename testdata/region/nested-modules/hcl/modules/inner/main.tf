terraform {
  required_providers {
    aws = {
      source                = "hashicorp/aws"
      configuration_aliases = [aws.alt]
    }
  }
}

# Default aws: not in the providers map of the call, so inherited implicitly
# from the calling module's default (module.backup's aws = root aws.dr).
resource "aws_sqs_queue" "default" {
  name = "tfward-nested-inner-default"
}

resource "aws_sqs_queue" "alt" {
  provider = aws.alt
  name     = "tfward-nested-inner-alt"
}

data "aws_region" "alt" {
  provider = aws.alt
}

module "deep" {
  source = "../deep"
  providers = {
    aws = aws.alt
  }
}

data "aws_region" "default" {}
