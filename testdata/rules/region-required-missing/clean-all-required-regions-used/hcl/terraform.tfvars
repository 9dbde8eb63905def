dr_region = "us-west-2"
