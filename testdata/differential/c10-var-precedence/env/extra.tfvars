r_file = "eu-south-1"
