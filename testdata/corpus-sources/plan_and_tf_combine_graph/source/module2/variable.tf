variable "bucket2" {
  type = string
}