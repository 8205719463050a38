y = [for s in l : s if s != ""]
z = [for s in l : upper(s)]
