variable "name" {
  type = string
}

resource "aws_kms_key" "this" {
  description         = "${var.name} key"
  enable_key_rotation = true
}

output "key_arn" {
  value = aws_kms_key.this.arn
}

output "key_id" {
  value = aws_kms_key.this.key_id
}
