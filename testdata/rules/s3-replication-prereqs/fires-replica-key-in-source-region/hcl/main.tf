# KMS-encrypted source (us-east-1) replicating to eu-central-1 with sse_kms_encrypted_objects
# enabled, but replica_kms_key_id is the SOURCE key (us-east-1), not a key in the
# destination's region (eu-central-1). Finding on the replication configuration.

data "aws_caller_identity" "current" {}

locals {
  account = data.aws_caller_identity.current.account_id
  src_arn = "arn:aws:s3:::${aws_s3_bucket.src.bucket}"
  dst_arn = "arn:aws:s3:::${aws_s3_bucket.dst.bucket}"
}

resource "aws_kms_key" "src" {
  description         = "invoices source"
  enable_key_rotation = true
}

resource "aws_kms_key" "replica" {
  provider            = aws.eu
  description         = "invoices replica"
  enable_key_rotation = true
}

resource "aws_s3_bucket" "src" {
  bucket = "invoices-${local.account}"
}

resource "aws_s3_bucket_versioning" "src" {
  bucket = aws_s3_bucket.src.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "src" {
  bucket = aws_s3_bucket.src.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.src.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket" "dst" {
  provider = aws.eu
  bucket   = "invoices-replica-${local.account}"
}

resource "aws_s3_bucket_versioning" "dst" {
  provider = aws.eu
  bucket   = aws_s3_bucket.dst.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "dst" {
  provider = aws.eu
  bucket   = aws_s3_bucket.dst.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.replica.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_iam_role" "replication" {
  name = "invoices-replication"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "s3.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_policy" "replication" {
  name = "invoices-replication"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["s3:GetReplicationConfiguration", "s3:ListBucket"]
        Resource = local.src_arn
      },
      {
        Effect   = "Allow"
        Action   = ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"]
        Resource = "${local.src_arn}/*"
      },
      {
        Effect   = "Allow"
        Action   = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"]
        Resource = "${local.dst_arn}/*"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "replication" {
  role       = aws_iam_role.replication.name
  policy_arn = aws_iam_policy.replication.arn
}

resource "aws_iam_role_policy" "replication_kms" {
  name = "replication-kms"
  role = aws_iam_role.replication.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = aws_kms_key.src.arn
      },
      {
        Effect   = "Allow"
        Action   = ["kms:Encrypt", "kms:GenerateDataKey"]
        Resource = aws_kms_key.replica.arn
      },
    ]
  })
}

resource "aws_s3_bucket_replication_configuration" "invoices" {
  depends_on = [aws_s3_bucket_versioning.src]

  role   = aws_iam_role.replication.arn
  bucket = aws_s3_bucket.src.id

  rule {
    id     = "all"
    status = "Enabled"

    filter {}

    delete_marker_replication {
      status = "Enabled"
    }

    source_selection_criteria {
      sse_kms_encrypted_objects {
        status = "Enabled"
      }
    }

    destination {
      bucket = aws_s3_bucket.dst.arn

      encryption_configuration {
        replica_kms_key_id = aws_kms_key.src.arn
      }
    }
  }
}
