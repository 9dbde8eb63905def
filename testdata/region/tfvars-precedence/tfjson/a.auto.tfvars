r_auto      = "eu-west-1"
r_auto_json = "eu-west-2"
