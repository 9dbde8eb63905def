# A read replica in the same region inherits its source's encryption and sets no
# storage_encrypted of its own: not a finding. The source is encrypted.
resource "aws_db_instance" "primary" {
  identifier                  = "orders"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.t4g.medium"
  allocated_storage           = 50
  username                    = "orders"
  manage_master_user_password = true
  storage_encrypted           = true
  backup_retention_period     = 7
  skip_final_snapshot         = true
}

resource "aws_db_instance" "replica" {
  identifier          = "orders-replica"
  replicate_source_db = aws_db_instance.primary.identifier
  instance_class      = "db.t4g.medium"
  skip_final_snapshot = true
}
