
module "m" {
  # checkov:skip=CKV_AWS_19: ADD REASON
  # checkov:skip=CKV2_AWS_6: ADD REASON
  source = "../mod_ref"
}