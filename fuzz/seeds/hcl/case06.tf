x = [true, null, a.0, f(a, b...), {for k, v in m : k => v... if v}]
