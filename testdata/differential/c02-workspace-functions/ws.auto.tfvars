region_csv = "us-east-1,eu-west-3,ap-south-1"
