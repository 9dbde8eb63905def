resource "terraform_data" "stamp" {
  input = "stamp"
}
