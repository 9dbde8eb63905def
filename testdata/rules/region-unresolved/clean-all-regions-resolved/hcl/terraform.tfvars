eu_region = "eu-west-1"
