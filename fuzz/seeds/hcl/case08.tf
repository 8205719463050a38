h = <<-EOT
  {
    "a": "${x}"   
  }
  EOT
