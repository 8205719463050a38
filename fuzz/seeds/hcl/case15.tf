resource aws_s3_bucket "b" {
  tags = { Name = "x" }
  dynamic "d" {
  }
}
