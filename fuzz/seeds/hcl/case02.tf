x = 1 # after
// mid
b "l" {
  # c1
  y = "a ${v} b"
  # c2
}
# end
