r2 = "eu-central-1"
