resource "aws_backup_vault" "dr" {
  name = "dr"
}
