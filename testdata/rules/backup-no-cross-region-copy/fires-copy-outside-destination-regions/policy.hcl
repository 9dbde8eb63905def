# copies must reach eu-central-1; this plan copies to us-west-2 only
backup {
  destination_regions = ["eu-central-1"]
}
