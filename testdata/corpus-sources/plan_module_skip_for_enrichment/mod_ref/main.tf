resource "aws_s3_bucket" "b1" {
  bucket = "bc-test-bucket-1"
}