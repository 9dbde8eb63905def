# An encrypted primary in us-east-1 and an encrypted read replica in eu-central-1 that
# sets no kms_key_id: the source's key cannot be used across regions.
# A same-region replica beside it needs no kms_key_id.

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

resource "aws_db_instance" "eu_replica" {
  provider            = aws.eu
  identifier          = "app-replica-eu"
  replicate_source_db = aws_db_instance.primary.arn
  instance_class      = "db.t3.medium"
  storage_encrypted   = true
  skip_final_snapshot = true
}

resource "aws_db_instance" "us_replica" {
  identifier          = "app-replica-us"
  replicate_source_db = aws_db_instance.primary.identifier
  instance_class      = "db.t3.medium"
  storage_encrypted   = true
  skip_final_snapshot = true
}
