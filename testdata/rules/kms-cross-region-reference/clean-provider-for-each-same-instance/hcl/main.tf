# One module instance per cell, each on its own provider instance; each makes
# its key there and uses it: key and log group share a region.
module "cell" {
  source   = "./modules/cell"
  for_each = var.regions
  providers = {
    aws = aws.cell[each.key]
  }
  name = each.key
}
