r_auto = "eu-west-3"
r_file = "eu-west-3"
r_cli  = "eu-west-3"
