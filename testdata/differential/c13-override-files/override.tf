# local developer override: everything in eu
variable "region" {
  default = "eu-west-1"
}
provider "aws" {
  alias  = "dr"
  region = "eu-central-1"
}
