# No trail at all (auditing is run by another stack): not a finding, even though the
# configuration has a bucket that looks like a log bucket.

resource "aws_s3_bucket" "logs" {
  bucket = "app-access-logs-111122223333"
}

resource "aws_s3_bucket_versioning" "logs" {
  bucket = aws_s3_bucket.logs.id
  versioning_configuration {
    status = "Enabled"
  }
}
