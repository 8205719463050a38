a = 1.5e3
b = 0x1F
c = x-1
d = f()
e = provider::aws::arn(x)
g = f(a,)
