x = var.ß
