# A classic load balancer in us-west-2 spread over zones, one of which is in us-east-1.
provider "aws" {
  region = "us-west-2"
}

resource "aws_elb" "web" {
  name               = "web"
  availability_zones = ["us-west-2a", "us-west-2b", "us-east-1c"]

  listener {
    instance_port     = 80
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}
