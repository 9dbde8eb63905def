provider "aws" { region = "us-east-1" }
provider "aws" {
  alias  = "dr"
  region = "us-west-2"
}
resource "aws_kms_key" "dr" {
  provider            = aws.dr
  enable_key_rotation = true
}
resource "aws_backup_vault" "dr" {
  provider    = aws.dr
  name        = "vault-dr"
  kms_key_arn = aws_kms_key.dr.arn
}
module "backup" {
  source        = "./modules/backup"
  providers     = { aws = aws.dr }
  copy_targets  = [aws_backup_vault.dr.arn]
}
resource "aws_ebs_volume" "d" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = true
  kms_key_id        = module.backup.key_arn
  tags              = { backup = "daily" }
}
