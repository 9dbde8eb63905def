# The source database lives in another stack; its literal ARN puts it in us-east-1,
# the encrypted replica is in eu-central-1 without a kms_key_id.
resource "aws_db_instance" "eu_replica" {
  provider            = aws.eu
  identifier          = "legacy-replica-eu"
  replicate_source_db = "arn:aws:rds:us-east-1:111122223333:db:legacy-primary"
  instance_class      = "db.t3.medium"
  storage_encrypted   = true
  skip_final_snapshot = true
}
