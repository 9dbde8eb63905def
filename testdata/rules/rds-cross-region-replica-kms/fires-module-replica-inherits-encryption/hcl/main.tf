# A replica module called with the eu-central-1 provider and no kms_key_id. The replica
# does not set storage_encrypted itself, but a replica of an encrypted source is
# encrypted (AWS allows no unencrypted replica of an encrypted instance).

resource "aws_kms_key" "us_key" {
  description         = "us database key"
  enable_key_rotation = true
}

resource "aws_db_instance" "primary" {
  identifier                  = "app-primary"
  engine                      = "postgres"
  engine_version              = "15.7"
  instance_class              = "db.t3.medium"
  allocated_storage           = 50
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.us_key.arn
  username                    = "appadmin"
  manage_master_user_password = true
  backup_retention_period     = 7
  skip_final_snapshot         = true
}

module "dr" {
  source = "./modules/replica"
  providers = {
    aws = aws.eu
  }
  name       = "app-replica-eu"
  source_arn = aws_db_instance.primary.arn
}
