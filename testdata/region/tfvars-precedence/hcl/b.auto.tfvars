r_auto     = "eu-central-1"
r_var_file = "eu-central-2"
