//! Formatting: the edits that turn a document into its printed form, laid out by
//! [`crate::syntax::print`] (key order, duplicate keys and scalars kept as written;
//! one member per line; short arrays of scalars inline).
//!
//! - The output keeps a leading byte-order mark, uses the document's line ending
//!   (`\r\n` when the first line break is one) and ends with one line break.
//! - A document with syntax errors is never formatted.
//!
//! The layout depends only on the tree, never on the input's whitespace, so
//! `format(format(x)) == format(x)`.

use crate::analysis::Analysis;
use crate::diagnostic::json_edit::newline;
use crate::diagnostic::Edit;
use crate::syntax::print::{is_scalar, print};
use crate::syntax::{Node, TextRange, Value};

pub use crate::syntax::print::FormatOptions;

/// The formatted text of the whole document, or `None` when it has syntax errors or
/// no value at all.
pub fn format_text(analysis: &Analysis, opts: FormatOptions) -> Option<String> {
    if !analysis.parse.errors.is_empty() {
        return None;
    }
    let root = analysis.parse.root.as_ref()?;
    let text = analysis.text.as_str();
    let nl = newline(text);
    let mut res = text[..analysis.parse.bom_len.min(text.len())].to_string();
    res.push_str(&print(text, root, 0, opts, nl));
    res.push_str(nl);
    Some(res)
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
    let new = print(text, node, depth, opts, newline(text));
    let old = &text[node.range.as_range()];
    minimal_edit(old, &new)
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
        // tests/lsp_protocol/formatting.rs (`formatting_is_idempotent_on_every_example`).
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
