create_replica = "true"
copies         = "2"
secret_region  = "eu-north-1"
