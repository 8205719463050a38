x = "é ü ${var.s}"
