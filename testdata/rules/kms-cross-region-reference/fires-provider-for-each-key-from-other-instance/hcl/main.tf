# One key, made in the tokyo instance (ap-northeast-1).
resource "aws_kms_key" "shared" {
  provider    = aws.cell["tokyo"]
  description = "shared"
}

# One module instance per cell, each on its own provider instance; every one
# is given the tokyo key: paris and oregon use a key of another region.
module "cell" {
  source   = "./modules/cell"
  for_each = var.regions
  providers = {
    aws = aws.cell[each.key]
  }
  name        = each.key
  kms_key_arn = aws_kms_key.shared.arn
}
