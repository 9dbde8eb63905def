provider "aws" {
  region  = "eu-central-1"
}
