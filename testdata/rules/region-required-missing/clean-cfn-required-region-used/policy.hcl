required_regions = ["us-east-1"]
