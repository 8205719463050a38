//! Formatting: a stable, idempotent pretty-printer over the syntax tree.
//!
//! - Key order, duplicate keys and every scalar are kept exactly as written (strings
//!   with their escapes, numbers with their spelling): only whitespace changes.
//! - Objects with members always take one member per line; empty containers print as
//!   `{}` / `[]`.
//! - An array whose items are all scalars goes on one line (`["a", "b"]`) when that
//!   whole line, indentation, key and trailing comma included, fits in
//!   [`MAX_WIDTH`] columns (counted in characters); otherwise one item per line.
//!   Arrays holding objects or arrays are always one item per line.
//! - The output keeps a leading byte-order mark, uses the document's line ending
//!   (`\r\n` when the first line break is one) and ends with one line break.
//! - A document with syntax errors is never formatted.
//!
//! The layout depends only on the tree, never on the input's whitespace, so
//! `format(format(x)) == format(x)`.

use crate::analysis::Analysis;
use crate::diagnostic::json_edit::newline;
use crate::diagnostic::Edit;
use crate::syntax::{Node, TextRange, Value};

/// Lines holding an inline array of scalars stay within this many columns.
pub const MAX_WIDTH: usize = 80;

/// Indentation options (LSP `FormattingOptions`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormatOptions {
    pub tab_size: u32,
    pub insert_spaces: bool,
}

impl FormatOptions {
    fn unit(self) -> String {
        if self.insert_spaces {
            " ".repeat(self.tab_size.clamp(1, 16) as usize)
        } else {
            "\t".to_string()
        }
    }
    /// Columns taken by one indentation unit (a tab counts as `tab_size`).
    fn unit_width(self) -> usize {
        self.tab_size.clamp(1, 16) as usize
    }
}

/// The formatted text of the whole document, or `None` when it has syntax errors or
/// no value at all.
pub fn format_text(analysis: &Analysis, opts: FormatOptions) -> Option<String> {
    if !analysis.parse.errors.is_empty() {
        return None;
    }
    let root = analysis.parse.root.as_ref()?;
    let text = analysis.text.as_str();
    let nl = newline(text);
    let mut p = Printer::new(text, opts, nl);
    p.out
        .push_str(&text[..analysis.parse.bom_len.min(text.len())]);
    p.node(root, 0);
    p.out.push_str(nl);
    Some(p.out)
}

/// The edits that format the document: none when it is already formatted or has
/// syntax errors, else one edit covering the part that differs.
pub fn format(analysis: &Analysis, opts: FormatOptions) -> Vec<Edit> {
    match format_text(analysis, opts) {
        Some(new) => minimal_edit(&analysis.text, &new).into_iter().collect(),
        None => Vec::new(),
    }
}

/// Formats the innermost object or array that contains `range` (the whole document
/// when none does), indented by its depth, so the result agrees with [`format`].
pub fn format_range(analysis: &Analysis, range: TextRange, opts: FormatOptions) -> Vec<Edit> {
    if !analysis.parse.errors.is_empty() {
        return Vec::new();
    }
    let Some(root) = analysis.parse.root.as_ref() else {
        return Vec::new();
    };
    let Some((node, depth)) = container_at(root, range, 0) else {
        return format(analysis, opts);
    };
    if depth == 0 {
        return format(analysis, opts);
    }
    let text = analysis.text.as_str();
    let mut p = Printer::new(text, opts, newline(text));
    p.node(node, depth);
    let old = &text[node.range.as_range()];
    minimal_edit(old, &p.out)
        .map(|e| Edit {
            range: TextRange::new(
                e.range.start as usize + node.range.start as usize,
                e.range.end as usize + node.range.start as usize,
            ),
            text: e.text,
        })
        .into_iter()
        .collect()
}

/// Prints `node` as it would appear at `depth`, its first line not indented (the
/// caller places it). For statements and members inserted by fixes.
pub(crate) fn print_node(
    text: &str,
    node: &Node,
    depth: usize,
    unit: &str,
    nl: &'static str,
) -> String {
    let opts = FormatOptions {
        tab_size: u32::try_from(unit.len().max(1)).unwrap_or(2),
        insert_spaces: !unit.starts_with('\t'),
    };
    let mut p = Printer::new(text, opts, nl);
    p.node(node, depth);
    p.out
}

struct Printer<'a> {
    text: &'a str,
    unit: String,
    unit_width: usize,
    nl: &'static str,
    out: String,
}

impl<'a> Printer<'a> {
    fn new(text: &'a str, opts: FormatOptions, nl: &'static str) -> Printer<'a> {
        Printer {
            text,
            unit: opts.unit(),
            unit_width: opts.unit_width(),
            nl,
            out: String::new(),
        }
    }

    fn raw(&self, range: TextRange) -> &'a str {
        self.text.get(range.as_range()).unwrap_or("")
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str(&self.unit);
        }
    }

    /// Prints `node` at `depth` (multi-line for non-empty containers); a trailing
    /// comma, if any, is the caller's.
    fn node(&mut self, node: &Node, depth: usize) {
        match &node.value {
            Value::Object(o) if o.members.is_empty() => self.out.push_str("{}"),
            Value::Object(o) => {
                self.out.push('{');
                self.out.push_str(self.nl);
                let n = o.members.len();
                for (i, m) in o.members.iter().enumerate() {
                    self.indent(depth + 1);
                    let key = self.raw(m.key.range);
                    self.out.push_str(key);
                    self.out.push_str(": ");
                    let col = (depth + 1) * self.unit_width + key.chars().count() + 2;
                    let comma = i + 1 < n;
                    match &m.value {
                        Some(v) => self.value(v, depth + 1, col, comma),
                        None => self.out.push_str("null"),
                    }
                    if comma {
                        self.out.push(',');
                    }
                    self.out.push_str(self.nl);
                }
                self.indent(depth);
                self.out.push('}');
            }
            Value::Array(a) if a.items.is_empty() => self.out.push_str("[]"),
            Value::Array(a) => {
                self.out.push('[');
                self.out.push_str(self.nl);
                let n = a.items.len();
                for (i, it) in a.items.iter().enumerate() {
                    self.indent(depth + 1);
                    let comma = i + 1 < n;
                    self.value(it, depth + 1, (depth + 1) * self.unit_width, comma);
                    if comma {
                        self.out.push(',');
                    }
                    self.out.push_str(self.nl);
                }
                self.indent(depth);
                self.out.push(']');
            }
            _ => {
                let raw = self.raw(node.range);
                self.out.push_str(raw);
            }
        }
    }

    /// A value at `col`, followed by a comma when `comma`: inline arrays of scalars
    /// when the line fits.
    fn value(&mut self, v: &Node, depth: usize, col: usize, comma: bool) {
        if let Some(inline) = self.inline_array(v) {
            let width = col + inline.chars().count() + usize::from(comma);
            if width <= MAX_WIDTH {
                self.out.push_str(&inline);
                return;
            }
        }
        self.node(v, depth);
    }

    /// `["a", "b"]` for a non-empty array of scalars.
    fn inline_array(&self, v: &Node) -> Option<String> {
        let a = v.as_array()?;
        if a.items.is_empty() || !a.items.iter().all(is_scalar) {
            return None;
        }
        let items: Vec<&str> = a.items.iter().map(|it| self.raw(it.range)).collect();
        Some(format!("[{}]", items.join(", ")))
    }
}

fn is_scalar(n: &Node) -> bool {
    !matches!(n.value, Value::Object(_) | Value::Array(_))
}

/// The innermost object or array containing `range`, with its depth. Arrays of
/// scalars are skipped (whether they go inline depends on their key), so the result
/// always prints on several lines.
fn container_at(node: &Node, range: TextRange, depth: usize) -> Option<(&Node, usize)> {
    let inside = |n: &Node| n.range.start <= range.start && range.end <= n.range.end;
    if !inside(node) || is_scalar(node) {
        return None;
    }
    if node
        .as_array()
        .is_some_and(|a| a.items.iter().all(is_scalar))
    {
        return None;
    }
    let children: Vec<&Node> = match &node.value {
        Value::Object(o) => o.members.iter().filter_map(|m| m.value.as_ref()).collect(),
        Value::Array(a) => a.items.iter().collect(),
        _ => return None,
    };
    for c in children {
        if let Some(res) = container_at(c, range, depth + 1) {
            return Some(res);
        }
    }
    Some((node, depth))
}

/// One edit turning `old` into `new`, covering only the part that differs (on char
/// boundaries); `None` when they are equal.
pub(crate) fn minimal_edit(old: &str, new: &str) -> Option<Edit> {
    if old == new {
        return None;
    }
    let mut pre = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(pre) || !new.is_char_boundary(pre) {
        pre -= 1;
    }
    let max_suf = old.len().min(new.len()) - pre;
    let mut suf = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suf)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suf) || !new.is_char_boundary(new.len() - suf) {
        suf -= 1;
    }
    Some(Edit {
        range: TextRange::new(pre, old.len() - suf),
        text: new[pre..new.len() - suf].to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::config::Config;
    use crate::diagnostic::apply_edits;
    use crate::syntax::{parse, to_json};

    const TWO: FormatOptions = FormatOptions {
        tab_size: 2,
        insert_spaces: true,
    };

    fn fmt(text: &str, opts: FormatOptions) -> Option<String> {
        format_text(&analyze(text, Some("p.json"), &Config::default()), opts)
    }

    fn check(input: &str, expect: expect_test::Expect) {
        expect.assert_eq(&fmt(input, TWO).expect("formats"));
    }

    #[test]
    fn keeps_order_duplicates_and_raw_scalars() {
        check(
            r#"{"Version":"2012-10-17","Statement":[{"Sid":"caf\u00e9","Effect":"Allow","Effect":"Deny","Action":["s3:GetObject","s3:PutObject"],"Resource":"*","Condition":{"NumericLessThan":{"aws:MultiFactorAuthAge":3.60E3},"Bool":{"aws:SecureTransport":true},"Null":{"x":null}}}],"Id":{},"X":[]}"#,
            expect_test::expect![[r#"
                {
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Sid": "caf\u00e9",
                      "Effect": "Allow",
                      "Effect": "Deny",
                      "Action": ["s3:GetObject", "s3:PutObject"],
                      "Resource": "*",
                      "Condition": {
                        "NumericLessThan": {
                          "aws:MultiFactorAuthAge": 3.60E3
                        },
                        "Bool": {
                          "aws:SecureTransport": true
                        },
                        "Null": {
                          "x": null
                        }
                      }
                    }
                  ],
                  "Id": {},
                  "X": []
                }
            "#]],
        );
    }

    #[test]
    fn long_arrays_one_item_per_line() {
        check(
            r#"{"Action": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"], "A": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateData*"], "B": [1, [2]]}"#,
            expect_test::expect![[r#"
                {
                  "Action": [
                    "kms:Encrypt",
                    "kms:Decrypt",
                    "kms:ReEncrypt*",
                    "kms:GenerateDataKey*"
                  ],
                  "A": ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateData*"],
                  "B": [
                    1,
                    [2]
                  ]
                }
            "#]],
        );
    }

    #[test]
    fn tabs_crlf_and_bom() {
        let out = fmt(
            "\u{feff}{\"a\": [1],\r\n\"b\": {\"c\": 2}}",
            FormatOptions {
                tab_size: 4,
                insert_spaces: false,
            },
        )
        .unwrap();
        assert_eq!(
            out,
            "\u{feff}{\r\n\t\"a\": [1],\r\n\t\"b\": {\r\n\t\t\"c\": 2\r\n\t}\r\n}\r\n"
        );
    }

    #[test]
    fn no_edits_for_syntax_errors_or_formatted_text() {
        let broken = analyze(
            r#"{"Version": "2012-10-17", "Statement": [{"#,
            None,
            &Config::default(),
        );
        assert_eq!(format(&broken, TWO), Vec::new());
        let done = analyze("{\n  \"a\": 1\n}\n", None, &Config::default());
        assert_eq!(format(&done, TWO), Vec::new());
        let spaced = analyze("{\"a\":1}", None, &Config::default());
        let edits = format(&spaced, TWO);
        assert_eq!(edits.len(), 1);
        assert_eq!(apply_edits("{\"a\":1}", &edits), "{\n  \"a\": 1\n}\n");
    }

    #[test]
    fn range_formats_the_enclosing_container_at_its_depth() {
        let text = "{\n  \"Statement\": [{\"Effect\":\"Allow\",   \"Action\":[\"s3:GetObject\"]}],\n  \"Version\":   \"2012-10-17\"\n}\n";
        let analysis = analyze(text, Some("p.json"), &Config::default());
        let at = text.find("Allow").unwrap();
        let edits = format_range(&analysis, TextRange::empty(at), TWO);
        let out = apply_edits(text, &edits);
        assert_eq!(out, "{\n  \"Statement\": [{\n      \"Effect\": \"Allow\",\n      \"Action\": [\"s3:GetObject\"]\n    }],\n  \"Version\":   \"2012-10-17\"\n}\n");
    }

    #[test]
    fn idempotent_and_value_preserving() {
        // Every example file is checked the same way through the server in
        // tests/lsp_protocol.rs (`formatting_is_idempotent_on_every_example`).
        for text in [
            r#"{"a": [1, 2.50, -0, 1e-7, true, null, "\"\/\ud83d\ude00"], "a": {"b": [[], {}, [{"c": []}]]}}"#,
            "[\"x\", {\"y\": [\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"]}]",
            "\"just a string\"",
        ] {
            for opts in [TWO, FormatOptions { tab_size: 4, insert_spaces: false }] {
                let once = fmt(text, opts).unwrap();
                assert_eq!(fmt(&once, opts).unwrap(), once);
                let (a, b) = (parse(text), parse(&once));
                assert_eq!(to_json(a.root.as_ref().unwrap()), to_json(b.root.as_ref().unwrap()));
                assert_eq!(a.duplicate_keys.len(), b.duplicate_keys.len());
            }
        }
    }

    #[test]
    fn minimal_edit_respects_char_boundaries() {
        let e = minimal_edit("aé", "aè").unwrap();
        assert_eq!(e.range, TextRange::new(1, 3));
        assert_eq!(e.text, "è");
        assert_eq!(minimal_edit("x", "x"), None);
    }
}
