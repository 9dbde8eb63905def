# Story 3: the replication rule's destination is the hardcoded ARN arn:aws:s3:::app-replica,
# while the replica bucket this configuration creates is really named
# app-replica-<account id>. The ARN matches no bucket here, and "app-replica-..." looks like
# the intended destination -> s3-replication-destination-unknown on the replication
# configuration. Versioning is on for both buckets and the role grants s3:Replicate* on the
# ARN the rule names, so nothing else is wrong.

data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "app" {
  bucket = "app-data-${data.aws_caller_identity.current.account_id}"
}

resource "aws_s3_bucket_versioning" "app" {
  bucket = aws_s3_bucket.app.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "replica" {
  provider = aws.eu
  bucket   = "app-replica-${data.aws_caller_identity.current.account_id}"
}

resource "aws_s3_bucket_versioning" "replica" {
  provider = aws.eu
  bucket   = aws_s3_bucket.replica.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_iam_role" "replication" {
  name = "app-replication"
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
        Resource = "arn:aws:s3:::${aws_s3_bucket.app.bucket}"
      },
      {
        Effect   = "Allow"
        Action   = ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"]
        Resource = "arn:aws:s3:::${aws_s3_bucket.app.bucket}/*"
      },
      {
        Effect   = "Allow"
        Action   = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"]
        Resource = "arn:aws:s3:::app-replica/*"
      },
    ]
  })
}

resource "aws_s3_bucket_replication_configuration" "app" {
  depends_on = [aws_s3_bucket_versioning.app]

  role   = aws_iam_role.replication.arn
  bucket = aws_s3_bucket.app.id

  rule {
    id     = "replicate-all"
    status = "Enabled"

    filter {}

    delete_marker_replication {
      status = "Enabled"
    }

    destination {
      bucket        = "arn:aws:s3:::app-replica"
      storage_class = "STANDARD"
    }
  }
}
