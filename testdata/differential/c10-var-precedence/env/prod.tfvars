r_file = "eu-north-1"
r_cli  = "eu-north-1"
