# tfward strict policy pack: every rule on, findings of every severity fail.
# Use it with `--policy strict` or `policies = ["strict"]` in .tfward.hcl.

severity_threshold = "low"

# Customer-managed keys in every region that stores data, and EBS encryption
# by default in every region with volumes.
require_cmk                       = true
require_ebs_encryption_by_default = true

backup {
  require_cross_region_copy = true
  min_retention_days        = 35
}

# The opt-in rule runs too: a resource whose region cannot be resolved is a finding.
rule "region-unresolved" {
  enabled = true
}
