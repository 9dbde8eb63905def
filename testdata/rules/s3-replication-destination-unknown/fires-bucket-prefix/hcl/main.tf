# Story 3, bucket_prefix variant: the replica bucket's name is generated from
# bucket_prefix = "media-replica-" (unknown until apply), while the replication rule
# hardcodes arn:aws:s3:::media-replica. No bucket here can have that name, and the
# prefixed bucket looks like the intended destination -> finding.

resource "aws_s3_bucket" "media" {
  bucket_prefix = "media-"
}

resource "aws_s3_bucket_versioning" "media" {
  bucket = aws_s3_bucket.media.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "media_replica" {
  provider      = aws.eu
  bucket_prefix = "media-replica-"
}

resource "aws_s3_bucket_versioning" "media_replica" {
  provider = aws.eu
  bucket   = aws_s3_bucket.media_replica.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_iam_role" "replication" {
  name = "media-replication"
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
        Action   = ["s3:GetReplicationConfiguration", "s3:ListBucket", "s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"]
        Resource = ["arn:aws:s3:::media-*", "arn:aws:s3:::media-*/*"]
      },
      {
        Effect   = "Allow"
        Action   = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"]
        Resource = "arn:aws:s3:::media-replica/*"
      },
    ]
  })
}

resource "aws_s3_bucket_replication_configuration" "media" {
  depends_on = [aws_s3_bucket_versioning.media]

  role   = aws_iam_role.replication.arn
  bucket = aws_s3_bucket.media.id

  rule {
    id     = "all"
    status = "Enabled"

    filter {
      prefix = ""
    }

    delete_marker_replication {
      status = "Disabled"
    }

    destination {
      bucket = "arn:aws:s3:::media-replica"
    }
  }
}
