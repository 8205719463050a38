resource "aws_iam_policy" "reader" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Resource = "arn:aws:s3:::données/*", Action = "s3:GetObjectt" }] })
}
