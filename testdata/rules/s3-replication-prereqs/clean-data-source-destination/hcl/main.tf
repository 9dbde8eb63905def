# Cross-region replication into an existing bucket read by a data source: the
# destination is managed elsewhere, so its versioning is not ours to see and is not
# judged (the source is versioned and the role is right). HCL only: `data
# "aws_s3_bucket"` calls AWS, so this case cannot plan offline.

data "aws_caller_identity" "current" {}

locals {
  account = data.aws_caller_identity.current.account_id
  src_arn = "arn:aws:s3:::${aws_s3_bucket.src.bucket}"
  dst_arn = "arn:aws:s3:::${data.aws_s3_bucket.dst.bucket}"
}

resource "aws_s3_bucket" "src" {
  bucket = "orders-${local.account}"
}

resource "aws_s3_bucket_versioning" "src" {
  bucket = aws_s3_bucket.src.id
  versioning_configuration {
    status = "Enabled"
  }
}

data "aws_s3_bucket" "dst" {
  provider = aws.eu
  bucket   = "orders-replica-${local.account}"
}

data "aws_iam_policy_document" "replication_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "replication" {
  name               = "orders-replication"
  assume_role_policy = data.aws_iam_policy_document.replication_trust.json
}

data "aws_iam_policy_document" "replication" {
  statement {
    actions   = ["s3:GetReplicationConfiguration", "s3:ListBucket"]
    resources = [local.src_arn]
  }
  statement {
    actions   = ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"]
    resources = ["${local.src_arn}/*"]
  }
  statement {
    actions   = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"]
    resources = ["${local.dst_arn}/*"]
  }
}

resource "aws_iam_role_policy" "replication" {
  name   = "replication"
  role   = aws_iam_role.replication.id
  policy = data.aws_iam_policy_document.replication.json
}

resource "aws_s3_bucket_replication_configuration" "orders" {
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

    destination {
      bucket        = data.aws_s3_bucket.dst.arn
      storage_class = "STANDARD"
    }
  }
}
