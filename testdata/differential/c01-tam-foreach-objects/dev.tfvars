env       = "dev"
create_dr = true
