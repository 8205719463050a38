e = <<EOT
EOT
f = 2
