allowed_regions = ["eu-central-1", "eu-west-1"]
