schedule = "cron(30 2 ? * SUN *)"
