provider "aws" { region = "us-east-1" }
provider "aws" {
  alias  = "dr"
  region = "us-west-2"
}
resource "aws_kms_key" "src" { enable_key_rotation = true }
resource "aws_kms_key" "dst" {
  provider            = aws.dr
  enable_key_rotation = true
}
resource "aws_s3_bucket" "src" { bucket = "tfward-src-bucket-1" }
resource "aws_s3_bucket" "dst" {
  provider = aws.dr
  bucket   = "tfward-dst-bucket-1"
}
resource "aws_s3_bucket_versioning" "src" {
  bucket = aws_s3_bucket.src.id
  versioning_configuration { status = "Enabled" }
}
resource "aws_s3_bucket_versioning" "dst" {
  provider = aws.dr
  bucket   = aws_s3_bucket.dst.id
  versioning_configuration { status = "Enabled" }
}
resource "aws_s3_bucket_server_side_encryption_configuration" "src" {
  bucket = aws_s3_bucket.src.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.src.arn
    }
  }
}
resource "aws_s3_bucket_server_side_encryption_configuration" "dst" {
  provider = aws.dr
  bucket   = aws_s3_bucket.dst.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.dst.arn
    }
  }
}
resource "aws_iam_role" "replication" {
  name = "replication"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "s3.amazonaws.com" } }]
  })
}
resource "aws_iam_role_policy" "replication" {
  role = aws_iam_role.replication.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource = [aws_s3_bucket.src.arn] },
      { Effect = "Allow", Action = ["s3:GetObjectVersionForReplication"], Resource = ["${aws_s3_bucket.src.arn}/*"] },
      { Effect = "Allow", Action = ["s3:ReplicateObject", "s3:ReplicateDelete"], Resource = ["${aws_s3_bucket.dst.arn}/*"] },
      { Effect = "Allow", Action = ["kms:Decrypt"], Resource = [aws_kms_key.src.arn] },
      { Effect = "Allow", Action = ["kms:Encrypt"], Resource = [aws_kms_key.dst.arn] },
    ]
  })
}
resource "aws_s3_bucket_replication_configuration" "r" {
  depends_on = [aws_s3_bucket_versioning.src]
  role       = aws_iam_role.replication.arn
  bucket     = aws_s3_bucket.src.id
  rule {
    id     = "all"
    status = "Enabled"
    filter {}
    delete_marker_replication { status = "Enabled" }
    source_selection_criteria {
      sse_kms_encrypted_objects { status = "Enabled" }
    }
    destination {
      bucket = aws_s3_bucket.dst.arn
      encryption_configuration { replica_kms_key_id = aws_kms_key.dst.arn }
    }
  }
}
