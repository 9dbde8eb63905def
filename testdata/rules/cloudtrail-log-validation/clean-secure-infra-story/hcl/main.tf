# Story 1: the secure-infrastructure stack (corpus/cdktf/secure-infra-single-region) in HCL,
# with the CDKTF construct names as resource names. The KMS key policy holds only the root
# statement; the log group and the trail are encrypted with it; the trail's log bucket is
# defined here and has no aws_s3_bucket_policy at all -> cloudtrail-bucket-policy-missing on
# the trail. (The missing key-policy grants are kms-key-policy-service-grant, not this rule.)
# The trail itself is multi-region, encrypted and validated.

locals {
  prefix = "secure-infra-prod"
}

data "aws_caller_identity" "current" {}

resource "aws_kms_key" "Main-KMS-Key" {
  description             = "${local.prefix} main encryption key"
  enable_key_rotation     = true
  deletion_window_in_days = 10
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Enable IAM User Permissions"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_kms_alias" "Main-KMS-Alias" {
  name          = "alias/${local.prefix}-main"
  target_key_id = aws_kms_key.Main-KMS-Key.key_id
}

resource "aws_vpc" "Main-VPC" {
  cidr_block           = "10.20.0.0/16"
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags                 = { Name = "${local.prefix}-vpc" }
}

resource "aws_subnet" "Private-Subnet-A" {
  vpc_id            = aws_vpc.Main-VPC.id
  cidr_block        = "10.20.10.0/24"
  availability_zone = "us-east-1a"
  tags              = { Name = "${local.prefix}-private-a" }
}

resource "aws_subnet" "Private-Subnet-B" {
  vpc_id            = aws_vpc.Main-VPC.id
  cidr_block        = "10.20.11.0/24"
  availability_zone = "us-east-1b"
  tags              = { Name = "${local.prefix}-private-b" }
}

resource "aws_security_group" "DB-Security-Group" {
  name        = "${local.prefix}-db-sg"
  description = "PostgreSQL access from inside the VPC"
  vpc_id      = aws_vpc.Main-VPC.id
}

resource "aws_vpc_security_group_ingress_rule" "DB-Ingress-Postgres" {
  security_group_id = aws_security_group.DB-Security-Group.id
  description       = "PostgreSQL from VPC"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = "10.20.0.0/16"
}

resource "aws_db_subnet_group" "DB-Subnet-Group" {
  name       = "${local.prefix}-db-subnets"
  subnet_ids = [aws_subnet.Private-Subnet-A.id, aws_subnet.Private-Subnet-B.id]
}

resource "aws_db_instance" "App-Database" {
  identifier                  = "${local.prefix}-postgres"
  engine                      = "postgres"
  engine_version              = "15.7"
  instance_class              = "db.t3.medium"
  allocated_storage           = 50
  storage_encrypted           = true
  kms_key_id                  = aws_kms_key.Main-KMS-Key.arn
  db_subnet_group_name        = aws_db_subnet_group.DB-Subnet-Group.name
  vpc_security_group_ids      = [aws_security_group.DB-Security-Group.id]
  username                    = "appadmin"
  manage_master_user_password = true
  backup_retention_period     = 7
  multi_az                    = true
  skip_final_snapshot         = false
  final_snapshot_identifier   = "${local.prefix}-postgres-final"
  deletion_protection         = true
}

# Log bucket for CloudTrail -- no bucket policy is attached.
resource "aws_s3_bucket" "Log-Bucket" {
  bucket        = "${local.prefix}-cloudtrail-logs-${data.aws_caller_identity.current.account_id}"
  force_destroy = false
}

resource "aws_s3_bucket_versioning" "Log-Bucket-Versioning" {
  bucket = aws_s3_bucket.Log-Bucket.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "Log-Bucket-Encryption" {
  bucket = aws_s3_bucket.Log-Bucket.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.Main-KMS-Key.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "Log-Bucket-PAB" {
  bucket                  = aws_s3_bucket.Log-Bucket.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_cloudwatch_log_group" "CloudTrail-Log-Group" {
  name              = "/aws/cloudtrail/${local.prefix}"
  retention_in_days = 90
  kms_key_id        = aws_kms_key.Main-KMS-Key.arn
}

resource "aws_iam_role" "CloudTrail-Logs-Role" {
  name = "${local.prefix}-cloudtrail-logs"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "CloudTrail-Logs-Role-Policy" {
  name = "cloudtrail-to-cloudwatch"
  role = aws_iam_role.CloudTrail-Logs-Role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "${aws_cloudwatch_log_group.CloudTrail-Log-Group.arn}:*"
    }]
  })
}

resource "aws_cloudtrail" "Main-CloudTrail" {
  name                          = "${local.prefix}-trail"
  s3_bucket_name                = aws_s3_bucket.Log-Bucket.id
  kms_key_id                    = aws_kms_key.Main-KMS-Key.arn
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.CloudTrail-Log-Group.arn}:*"
  cloud_watch_logs_role_arn     = aws_iam_role.CloudTrail-Logs-Role.arn
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
}

output "kms_key_arn" {
  value = aws_kms_key.Main-KMS-Key.arn
}

output "log_bucket_name" {
  value = aws_s3_bucket.Log-Bucket.bucket
}

output "cloudtrail_arn" {
  value = aws_cloudtrail.Main-CloudTrail.arn
}
