create_replica = "false"
copies         = "3"
