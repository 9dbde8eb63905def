variable "name" {
  type = string
}

variable "source_arn" {
  type = string
}

variable "kms_key_id" {
  type    = string
  default = null
}

resource "aws_db_instance" "this" {
  identifier          = var.name
  replicate_source_db = var.source_arn
  instance_class      = "db.t3.medium"
  kms_key_id          = var.kms_key_id
  skip_final_snapshot = true
}
