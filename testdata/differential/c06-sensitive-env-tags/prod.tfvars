primary_region = "ap-southeast-1"
log_region     = "eu-west-3"
