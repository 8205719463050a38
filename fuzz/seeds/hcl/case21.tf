a = "x\d"
