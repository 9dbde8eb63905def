# An encrypted primary and a same-region replica without kms_key_id (it inherits the
# source's key): fine. The eu-central-1 provider is configured but hosts no replica.

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

resource "aws_db_instance" "us_replica" {
  identifier          = "app-replica-us"
  replicate_source_db = aws_db_instance.primary.arn
  instance_class      = "db.t3.medium"
  storage_encrypted   = true
  skip_final_snapshot = true
}

resource "aws_db_instance" "us_replica_by_id" {
  identifier          = "app-replica-us-2"
  replicate_source_db = aws_db_instance.primary.identifier
  instance_class      = "db.t3.medium"
  skip_final_snapshot = true
}

resource "aws_kms_key" "eu_key" {
  provider            = aws.eu
  description         = "eu key"
  enable_key_rotation = true
}
