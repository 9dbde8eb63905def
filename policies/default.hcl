# tfward default policy pack: what `tfward check` applies unless told otherwise.
# `--policy FILE` loads another file on top of this one (its settings win);
# `--no-default-policy` starts from an empty policy instead.

# Findings at or above this severity make `tfward check` exit 1.
severity_threshold = "high"

# Regions the configuration must place resources in, and the only regions it
# may use. Empty lists switch `region-required-missing` / `region-not-allowed` off.
required_regions = []
allowed_regions  = []

# Customer-managed KMS keys are expected in every region that stores data,
# even in a configuration that defines none (`kms-missing-in-region`).
require_cmk = false

# Every region with EBS volumes must enable `aws_ebs_encryption_by_default`
# (`encryption-at-rest-disabled`).
require_ebs_encryption_by_default = false

backup {
  # Every plan that protects resources must copy them to another region.
  require_cross_region_copy = true
  # Regions a copy must reach; empty means "any other region".
  destination_regions = []
  # Minimum `delete_after` (days) of backup rules; 0 turns the check off.
  min_retention_days = 0
}

# Per-rule settings: `enabled` and `severity` (low, medium, high, critical).
# rule "kms-key-rotation" {
#   severity = "low"
# }
