backup {
  min_retention_days = 35
}
