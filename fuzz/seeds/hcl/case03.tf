x = a ? b : c ? d : e
y = a ? b ? c : d : e
z = -a.b
w = !a == b
