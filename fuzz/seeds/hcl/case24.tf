b "x" {
