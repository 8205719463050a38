//! The fast HCL reader against tree-sitter on small cases made to reach every path.

use super::{compare_fast_read, FastRead};

/// Each case is read by the fast reader into tree-sitter's exact tree.
#[test]
fn trees_match_tree_sitter() {
    let cases = [
        "",
        "  \n",
        "# only a comment\n",
        "x = 1 # after\n// mid\nb \"l\" {\n  # c1\n  y = \"a ${v} b\"\n  # c2\n}\n# end\n",
        "x = a ? b : c ? d : e\ny = a ? b ? c : d : e\nz = -a.b\nw = !a == b\n",
        "q = a ? b : c.d\nr = (a).b[0].*.c[*].d[1]\ns = a + b.c * d - -e\n",
        "t = a * b + c * d >= e && f || !g != h % 2 / 3 < 4 <= 5 > 6\n",
        "x = [true, null, a.0, f(a, b...), {for k, v in m : k => v... if v}]\n",
        "y = [for s in l : s if s != \"\"]\nz = [for s in l : upper(s)]\n",
        "h = <<-EOT\n  {\n    \"a\": \"${x}\"   \n  }\n  EOT\n",
        "h = <<EOT\nEOTX\n EOT y\nE${a}\n$${b} %%{c} $$ % $ 100%\nEOT\n",
        "h = <<EOT\r\n{\"a\": 1}\r\nEOT\r\n",
        "e = <<EOT\nEOT\nf = 2\n",
        "z = {a = 1, \"b\": 2\n c = \"  \"}\no = {}\np = {(k) = v, \"${x}\" = 1,}\n",
        "s = \"\\u00e9 \\n \\\" \\\\ \\t \\U0001F600 ${~ a ~} ${} $$ $${x} %%{y} %\"\n",
        "a = 1.5e3\nb = 0x1F\nc = x-1\nd = f()\ne = provider::aws::arn(x)\ng = f(a,)\n",
        "resource aws_s3_bucket \"b\" {\n  tags = { Name = \"x\" }\n  dynamic \"d\" {\n  }\n}\n",
        "locals { x = /* in */ 1 /* and\n more */ }\n",
        "a = b\n(c)\nd = -1\n-2\n",
        "p = jsonencode({\n  Version = \"2012-10-17\"\n  Statement = [{ Effect = \"Allow\", Action = [\"s3:*\"] }]\n})\n",
        "x = \"é ü ${var.s}\"\n",
        "x = a.b.c[\"d\"][0]. e\n",
    ];
    for text in cases {
        assert_eq!(compare_fast_read(text), Ok(FastRead::Same), "{text:?}");
    }
}

/// What the fast reader hands to tree-sitter: syntax errors and the constructs it
/// does not read itself.
#[test]
fn hands_over_errors_and_rare_constructs() {
    let cases = [
        ("a = {\n", false),
        ("a = \"x\\d\"\n", false),
        ("a = 1e5\n", false),
        ("a = [1 2]\n", false),
        ("b \"x\" {\n", false),
        ("a = <<EOT\nno end", false),
        ("a = \"%{ if x }y%{ endif }\"\n", true),
        ("a = \"two\nlines\"\n", true),
        ("a = 1\u{a0}\n", false),
        ("a = \"x\u{2003}y\"\n", true),
        ("x = var.ß\n", true),
        ("{\"a\": 1}\n", true),
    ];
    for (text, valid) in cases {
        assert_eq!(
            compare_fast_read(text),
            Ok(FastRead::Declined { valid }),
            "{text:?}"
        );
    }
}
