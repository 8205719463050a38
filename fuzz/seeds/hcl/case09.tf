h = <<EOT
EOTX
 EOT y
E${a}
$${b} %%{c} $$ % $ 100%
EOT
