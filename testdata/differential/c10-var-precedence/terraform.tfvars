r_tfvars      = "eu-west-1"
r_tfvars_json = "eu-west-1"
r_auto        = "eu-west-1"
r_file        = "eu-west-1"
r_cli         = "eu-west-1"
r_map         = { a = "x", b = "eu-west-1" }
r_num         = 2
