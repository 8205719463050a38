h = <<EOT
{"a": 1}
EOT
