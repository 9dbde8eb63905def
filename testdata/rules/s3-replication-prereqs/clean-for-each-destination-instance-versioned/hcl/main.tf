# The twin of fires-for-each-destination-instance-unversioned: the versioning
# resource's for_each leaves out "b", but replication goes into dest["a"], the
# instance that is versioned. Nothing to report.

locals {
  src_arn = "arn:aws:s3:::${aws_s3_bucket.src.bucket}"
}

resource "aws_s3_bucket" "src" {
  bucket = "orders-source"
}

resource "aws_s3_bucket_versioning" "src" {
  bucket = aws_s3_bucket.src.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "dest" {
  for_each = toset(["a", "b"])
  provider = aws.eu
  bucket   = "orders-replica-${each.key}"
}

resource "aws_s3_bucket_versioning" "dest" {
  for_each = toset(["a"])
  provider = aws.eu
  bucket   = aws_s3_bucket.dest[each.key].id
  versioning_configuration {
    status = "Enabled"
  }
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
    resources = [for b in aws_s3_bucket.dest : "${b.arn}/*"]
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
      bucket        = aws_s3_bucket.dest["a"].arn
      storage_class = "STANDARD"
    }
  }
}
