q = a ? b : c.d
r = (a).b[0].*.c[*].d[1]
s = a + b.c * d - -e
