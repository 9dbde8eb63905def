resource "aws_iam_role" "app" {
  name               = "tfward-global-app"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_policy" "app" {
  name = "tfward-global-app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:${data.aws_partition.current.partition}:s3:::tfward-global/*" }]
  })
}

resource "aws_iam_role_policy_attachment" "app" {
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.app.arn
}

resource "aws_iam_user" "deploy" {
  provider = aws.use1
  name     = "tfward-global-deploy"
}

resource "aws_organizations_policy" "deny_regions" {
  name = "tfward-deny-regions"
  content = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Action = "*", Resource = "*", Condition = { StringNotEquals = { "aws:RequestedRegion" = ["eu-west-1", "us-east-1"] } } }]
  })
}

resource "aws_budgets_budget" "monthly" {
  name         = "tfward-monthly"
  budget_type  = "COST"
  limit_amount = "100"
  limit_unit   = "USD"
  time_unit    = "MONTHLY"
}

resource "aws_ce_anomaly_monitor" "services" {
  name              = "tfward-services"
  monitor_type      = "DIMENSIONAL"
  monitor_dimension = "SERVICE"
}
