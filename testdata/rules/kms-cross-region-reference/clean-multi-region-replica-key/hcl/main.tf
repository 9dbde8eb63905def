# A multi-region primary key in us-east-1 and its replica in eu-central-1; each
# region's resources use the copy in their own region.
resource "aws_kms_key" "primary" {
  description         = "app multi-region key"
  multi_region        = true
  enable_key_rotation = true
}

resource "aws_kms_replica_key" "eu_replica" {
  provider        = aws.eu
  description     = "app multi-region key (eu replica)"
  primary_key_arn = aws_kms_key.primary.arn
}

resource "aws_ebs_volume" "us_data" {
  availability_zone = "us-east-1a"
  size              = 10
  encrypted         = true
  kms_key_id        = aws_kms_key.primary.arn
}

resource "aws_ebs_volume" "eu_data" {
  provider          = aws.eu
  availability_zone = "eu-central-1a"
  size              = 10
  encrypted         = true
  kms_key_id        = aws_kms_replica_key.eu_replica.arn
}

resource "aws_backup_vault" "eu_vault" {
  provider    = aws.eu
  name        = "app-eu-vault"
  kms_key_arn = aws_kms_replica_key.eu_replica.arn
}
