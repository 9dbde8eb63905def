backup {
  require_cross_region_copy = false
}
