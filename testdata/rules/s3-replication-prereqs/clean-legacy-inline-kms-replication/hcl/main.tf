# The legacy inline replication_configuration block of aws_s3_bucket (AWS
# provider < 4), written as that provider's schema has it: the replica key as
# destination.replica_kms_key_id, the destination account as account_id and
# sse_kms_encrypted_objects { enabled = true }. Both buckets are versioned,
# the source is KMS-encrypted, the role may replicate into the destination:
# nothing is missing.
resource "aws_kms_key" "data" {
  description         = "orders data"
  enable_key_rotation = true
}

resource "aws_iam_role" "replication" {
  name = "orders-replication"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "s3.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "replication" {
  name = "replication"
  role = aws_iam_role.replication.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetReplicationConfiguration", "s3:ListBucket"]
        Resource = [aws_s3_bucket.src.arn]
      },
      {
        Effect   = "Allow"
        Action   = ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl"]
        Resource = ["${aws_s3_bucket.src.arn}/*"]
      },
      {
        Effect   = "Allow"
        Action   = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"]
        Resource = ["${aws_s3_bucket.dst.arn}/*"]
      },
    ]
  })
}

resource "aws_s3_bucket" "dst" {
  bucket = "orders-replica-111122223333"

  versioning {
    enabled = true
  }
}

resource "aws_s3_bucket" "src" {
  bucket = "orders-111122223333"

  versioning {
    enabled = true
  }

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.data.arn
      }
    }
  }

  replication_configuration {
    role = aws_iam_role.replication.arn

    rules {
      id     = "all"
      status = "Enabled"

      destination {
        bucket             = aws_s3_bucket.dst.arn
        storage_class      = "STANDARD"
        replica_kms_key_id = aws_kms_key.data.arn
        account_id         = "111122223333"
      }

      source_selection_criteria {
        sse_kms_encrypted_objects {
          enabled = true
        }
      }
    }
  }
}
