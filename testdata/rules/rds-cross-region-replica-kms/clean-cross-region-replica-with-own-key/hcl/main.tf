# Cross-region encrypted replicas that set kms_key_id to a key in their own region:
# an aws_kms_key of the eu provider, and the eu replica of a multi-region key.

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

resource "aws_kms_key" "eu_key" {
  provider            = aws.eu
  description         = "eu database key"
  enable_key_rotation = true
}

resource "aws_db_instance" "eu_replica" {
  provider            = aws.eu
  identifier          = "app-replica-eu"
  replicate_source_db = aws_db_instance.primary.arn
  instance_class      = "db.t3.medium"
  storage_encrypted   = true
  kms_key_id          = aws_kms_key.eu_key.arn
  skip_final_snapshot = true
}

resource "aws_kms_key" "mrk" {
  description         = "multi-region database key"
  multi_region        = true
  enable_key_rotation = true
}

resource "aws_kms_replica_key" "mrk_eu" {
  provider        = aws.eu
  primary_key_arn = aws_kms_key.mrk.arn
}

resource "aws_db_instance" "eu_replica_mrk" {
  provider            = aws.eu
  identifier          = "app-replica-eu-2"
  replicate_source_db = aws_db_instance.primary.arn
  instance_class      = "db.t3.medium"
  kms_key_id          = aws_kms_replica_key.mrk_eu.arn
  skip_final_snapshot = true
}
