required_regions = ["us-east-1", "eu-central-1"]
