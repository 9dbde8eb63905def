rotate_tfvars = true
