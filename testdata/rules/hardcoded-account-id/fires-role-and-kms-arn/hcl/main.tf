# The account id 111122223333 typed into a role ARN and a KMS key ARN;
# data.aws_caller_identity would give it. One finding per resource.
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api-fn"
  runtime       = "python3.12"
  handler       = "index.handler"
  s3_bucket     = "acme-artifacts"
  s3_key        = "api.zip"
}

resource "aws_sqs_queue" "jobs" {
  name              = "jobs"
  kms_master_key_id = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
