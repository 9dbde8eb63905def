r_tfvars      = "us-west-2"
r_tfvars_json = "ap-south-1"
r_var_file    = "eu-south-1"
