# An Aurora cluster with storage_encrypted = false. Its instances carry no
# storage_encrypted of their own (the cluster decides): one finding, on the cluster.
resource "aws_rds_cluster" "orders" {
  cluster_identifier          = "orders"
  engine                      = "aurora-postgresql"
  engine_version              = "16.2"
  master_username             = "orders"
  manage_master_user_password = true
  storage_encrypted           = false
  skip_final_snapshot         = true
}

resource "aws_rds_cluster_instance" "orders" {
  count              = 2
  identifier         = "orders-${count.index}"
  cluster_identifier = aws_rds_cluster.orders.id
  instance_class     = "db.r6g.large"
  engine             = aws_rds_cluster.orders.engine
}
