# Inter-region VPC peering: the requester (us-east-1) names the peer VPC in eu-west-1 with
# peer_region, and the accepter on aws.eu takes the connection id. Both are cross-region by design.
provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "eu"
  region = "eu-west-1"
}

resource "aws_vpc" "us" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc" "eu" {
  provider   = aws.eu
  cidr_block = "10.1.0.0/16"
}

resource "aws_vpc_peering_connection" "us_eu" {
  vpc_id      = aws_vpc.us.id
  peer_vpc_id = aws_vpc.eu.id
  peer_region = "eu-west-1"
}

resource "aws_vpc_peering_connection_accepter" "eu" {
  provider                  = aws.eu
  vpc_peering_connection_id = aws_vpc_peering_connection.us_eu.id
  auto_accept               = true
}
