# The legacy inline replication_configuration block of aws_s3_bucket (AWS
# provider < 4) names its role as replication_configuration.role. The role
# grants s3:ReplicateObject on the SOURCE bucket's objects instead of the
# destination's, so nothing is replicated: a finding on the source bucket.
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
        Action   = ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"]
        Resource = ["${aws_s3_bucket.src.arn}/*"]
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

  replication_configuration {
    role = aws_iam_role.replication.arn

    rules {
      id     = "all"
      status = "Enabled"

      destination {
        bucket        = aws_s3_bucket.dst.arn
        storage_class = "STANDARD"
      }
    }
  }
}
