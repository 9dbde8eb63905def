# Symmetric keys without enable_key_rotation = true: absent, false, explicit
# SYMMETRIC_DEFAULT, a multi-region primary, and the string "false".
resource "aws_kms_key" "no_rotation" {
  description = "rotation absent"
}

resource "aws_kms_key" "rotation_off" {
  description         = "rotation false"
  enable_key_rotation = false
}

resource "aws_kms_key" "symmetric_explicit" {
  description              = "explicit symmetric spec"
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  key_usage                = "ENCRYPT_DECRYPT"
}

resource "aws_kms_key" "mrk_primary" {
  provider     = aws.eu
  description  = "multi-region primary"
  multi_region = true
}

resource "aws_kms_key" "rotation_string_false" {
  description         = "rotation \"false\""
  enable_key_rotation = "false"
}

# rotates: fine
resource "aws_kms_key" "rotating" {
  description         = "rotating"
  enable_key_rotation = true
}
