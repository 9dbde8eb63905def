multi_region = "true"
