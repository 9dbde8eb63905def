# The source is not encrypted, so neither is its cross-region replica: no key needed
# (encryption at rest is encryption-at-rest-disabled's business, not this rule's).
resource "aws_db_instance" "primary" {
  identifier                  = "app-primary"
  engine                      = "postgres"
  engine_version              = "15.7"
  instance_class              = "db.t3.medium"
  allocated_storage           = 50
  storage_encrypted           = false
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
  skip_final_snapshot = true
}
