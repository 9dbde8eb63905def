# Replication into a partner account's bucket (literal ARN, account 444455556666, owner
# override). No bucket in this configuration looks like that destination: the only bucket
# is the source. Not judged by s3-replication-destination-unknown.

resource "aws_s3_bucket" "ledger" {
  bucket = "ledger-111122223333"
}

resource "aws_s3_bucket_versioning" "ledger" {
  bucket = aws_s3_bucket.ledger.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_iam_role" "replication" {
  name = "ledger-replication"
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
        Resource = "arn:aws:s3:::ledger-111122223333"
      },
      {
        Effect   = "Allow"
        Action   = ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging"]
        Resource = "arn:aws:s3:::ledger-111122223333/*"
      },
      {
        Effect   = "Allow"
        Action   = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags", "s3:ObjectOwnerOverrideToBucketOwner"]
        Resource = "arn:aws:s3:::partner-dr-vault/*"
      },
    ]
  })
}

resource "aws_s3_bucket_replication_configuration" "ledger" {
  depends_on = [aws_s3_bucket_versioning.ledger]

  role   = aws_iam_role.replication.arn
  bucket = aws_s3_bucket.ledger.id

  rule {
    id     = "to-partner"
    status = "Enabled"

    filter {}

    delete_marker_replication {
      status = "Disabled"
    }

    destination {
      bucket  = "arn:aws:s3:::partner-dr-vault"
      account = "444455556666"

      access_control_translation {
        owner = "Destination"
      }
    }
  }
}
