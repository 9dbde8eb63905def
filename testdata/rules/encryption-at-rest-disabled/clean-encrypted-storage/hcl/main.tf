# Encrypted EBS volume, RDS instance (storage_encrypted = "true" as a string) and
# Aurora cluster.
resource "aws_ebs_volume" "data" {
  availability_zone = "us-east-1a"
  size              = 100
  encrypted         = true
}

resource "aws_db_instance" "orders" {
  identifier                  = "orders"
  engine                      = "postgres"
  engine_version              = "16.3"
  instance_class              = "db.t4g.medium"
  allocated_storage           = 50
  username                    = "orders"
  manage_master_user_password = true
  storage_encrypted           = "true"
  skip_final_snapshot         = true
}

resource "aws_rds_cluster" "events" {
  cluster_identifier          = "events"
  engine                      = "aurora-mysql"
  master_username             = "events"
  manage_master_user_password = true
  storage_encrypted           = true
  skip_final_snapshot         = true
}

resource "aws_rds_cluster_instance" "events" {
  identifier         = "events-0"
  cluster_identifier = aws_rds_cluster.events.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.events.engine
}
