required_regions = ["us-east-1", "us-west-2"]
