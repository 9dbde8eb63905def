# Not loaded automatically (not in the root folder, no .auto. in the name):
# only through -var-file / --var-file.
r_var_file   = "af-south-1"
r_var_before = "ap-northeast-1"
r_var_after  = "ap-southeast-1"
