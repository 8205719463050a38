a = <<EOT
no end