use super::*;
use expect_test::{expect, Expect};

/// Renders errors as `line:col-line:col message` (1-based, UTF-8 columns) plus a compact tree.
fn check(src: &str, expect: Expect) {
    let p = parse(src);
    let idx = LineIndex::new(src);
    let mut out = String::new();
    for e in &p.errors {
        let s = idx.line_col(src, e.range.start as usize, Encoding::Utf8);
        let t = idx.line_col(src, e.range.end as usize, Encoding::Utf8);
        out.push_str(&format!(
            "{}:{}-{}:{} {}\n",
            s.line + 1,
            s.col + 1,
            t.line + 1,
            t.col + 1,
            e.message
        ));
    }
    for (a, b) in &p.duplicate_keys {
        out.push_str(&format!(
            "dup {}..{} {}..{}\n",
            a.start, a.end, b.start, b.end
        ));
    }
    if let Some(root) = &p.root {
        out.push_str(&to_json(root).to_string());
        out.push('\n');
    }
    expect.assert_eq(&out);
}

#[test]
fn valid_document() {
    check(
        r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "N": -1.5e3, "B": [true, false, null]}]}"#,
        expect![[r#"
        {"Statement":[{"B":[true,false,null],"Effect":"Allow","N":-1500.0}],"Version":"2012-10-17"}
    "#]],
    );
}

#[test]
fn missing_and_trailing_commas() {
    check(
        "{\n  \"a\": 1\n  \"b\": [1 2,],\n}",
        expect![[r#"
        2:9-2:9 missing `,` between properties
        3:10-3:10 missing `,` between array items
        3:12-3:13 trailing comma: remove the `,` before `]`
        3:14-3:15 trailing comma: remove the `,` before `}`
        {"a":1,"b":[1,2]}
    "#]],
    );
}

#[test]
fn missing_colon_and_value() {
    check(
        r#"{"Effect" "Allow", "Action": , "X": }"#,
        expect![[r#"
        1:10-1:10 missing `:` after "Effect"
        1:29-1:29 missing value for "Action"
        1:36-1:36 missing value for "X"
        {"Action":null,"Effect":"Allow","X":null}
    "#]],
    );
}

#[test]
fn unterminated_string_recovers_on_next_line() {
    check(
        "{\"Effect\": \"Allow,\n \"Action\": \"s3:GetObject\"}",
        expect![[r#"
        1:12-1:19 unterminated string: add the closing `"` before the end of the line
        1:19-1:19 missing `,` between properties
        {"Action":"s3:GetObject","Effect":"Allow,"}
    "#]],
    );
}

#[test]
fn unclosed_containers() {
    check(
        r#"{"Statement": [{"Effect": "Allow""#,
        expect![[r#"
        1:16-1:17 unclosed object: add the missing `}`
        1:15-1:16 unclosed array: add the missing `]`
        1:1-1:2 unclosed object: add the missing `}`
        {"Statement":[{"Effect":"Allow"}]}
    "#]],
    );
}

#[test]
fn stray_characters_and_words() {
    check(
        r#"{"a": True, b: 1, "c": 'x', @}"#,
        expect![[r#"
        1:7-1:11 invalid literal: JSON booleans are lowercase `true`
        1:13-1:14 property names must be in double quotes: "b"
        1:24-1:27 single quotes are not JSON: use double quotes
        1:29-1:30 unexpected character `@`
        1:27-1:28 trailing comma: remove the `,` before `}`
        {"a":null,"b":1,"c":"x"}
    "#]],
    );
}

#[test]
fn escapes() {
    check(
        r#"["\q", "\u12", "\uD83D", "\uDE00x", "\uD83D\uDE00", "\u00e9\n"]"#,
        expect![[r#"
        1:3-1:5 invalid escape `\q`: only \" \\ \/ \b \f \n \r \t \uXXXX are allowed
        1:9-1:13 invalid unicode escape: `\u` needs four hex digits
        1:17-1:23 invalid unicode escape: lone surrogate `\uD83D`
        1:27-1:33 invalid unicode escape: lone surrogate `\uDE00`
        ["q","�","�","�x","😀","é\n"]
    "#]],
    );
}

#[test]
fn empty_and_bom() {
    check(
        "",
        expect![[r#"
        1:1-1:1 empty document: expected a JSON object such as {"Version": "2012-10-17", "Statement": []}
    "#]],
    );
    check(
        "  \n ",
        expect![[r#"
        2:2-2:2 empty document: expected a JSON object such as {"Version": "2012-10-17", "Statement": []}
    "#]],
    );
    check(
        "\u{feff}{\"a\": 1}",
        expect![[r#"
        {"a":1}
    "#]],
    );
}

#[test]
fn duplicate_keys_are_reported() {
    check(
        r#"{"a": 1, "a": 2}"#,
        expect![[r#"
        dup 1..4 9..12
        {"a":2}
    "#]],
    );
}

#[test]
fn trailing_content_and_comments() {
    check(
        "{} // note\n{}",
        expect![[r#"
        1:4-2:3 unexpected content after the end of the document
        {}
    "#]],
    );
    check(
        "{\"a\": 1 // note\n}",
        expect![[r#"
        1:9-1:16 comments are not allowed in JSON (and IAM rejects them)
        {"a":1}
    "#]],
    );
}

#[test]
fn deep_nesting_is_bounded() {
    let src = "[".repeat(100_000);
    let p = parse(&src);
    let depth_errors = p
        .errors
        .iter()
        .filter(|e| e.message.starts_with("nesting deeper"))
        .count();
    assert_eq!(depth_errors, 1);
    assert!(p.errors.len() <= MAX_DEPTH + 2, "{} errors", p.errors.len());
    let src = format!("{}{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    let p = parse(&src);
    assert_eq!(
        p.errors.len(),
        1,
        "{:?}",
        &p.errors[..p.errors.len().min(3)]
    );
}

#[test]
fn invalid_numbers() {
    check(
        "[01, 1., -, 2e]",
        expect![[r#"
        1:2-1:4 invalid number `01`
        1:6-1:8 invalid number `1.`
        1:10-1:11 invalid number `-`
        1:13-1:15 invalid number `2e`
        ["01","1.","-","2e"]
    "#]],
    );
}

/// Arbitrary input never panics, and every error range lies on char boundaries inside the text.
#[test]
fn arbitrary_strings_never_panic() {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let alphabet: Vec<char> = "{}[]:,\"\\u0123456789abcdefDE-+.etrufalsn \n\t'/*é😀\u{feff}"
        .chars()
        .collect();
    for _ in 0..20_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let len = (seed % 40) as usize;
        let mut s = String::new();
        let mut x = seed;
        for _ in 0..len {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            s.push(alphabet[(x >> 33) as usize % alphabet.len()]);
        }
        let p = parse(&s);
        for e in &p.errors {
            assert!(
                e.range.end as usize <= s.len()
                    && s.is_char_boundary(e.range.start as usize)
                    && s.is_char_boundary(e.range.end as usize),
                "{s:?} {e:?}"
            );
        }
    }
}

/// The schema check borrows the tree's strings (`take_json`) and gives them back
/// (`restore_json`): the value is the one `to_json` builds, and afterwards the tree is
/// as parsed, duplicate keys (whose earlier values the value drops) and members
/// without a value included.
#[test]
fn taken_json_equals_to_json_and_the_tree_gets_its_strings_back() {
    for text in [
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*","ec2:Run"],"Resource":"*","Condition":{"StringEquals":{"aws:x":["a","b"]}}}]}"#,
        r#"{"a":"first","b":[1,"x",{"c":"d"}],"a":"second","a":["third",{"a":"inner"}]}"#,
        r#"{"k": , "s": "v", "n": null, "t": true, "e": [], "o": {}}"#,
        r#"["top", ["nested", "strings"], "é✓", ""]"#,
        r#""just a string""#,
    ] {
        let parsed = parse(text);
        let Some(root) = parsed.root.as_ref() else {
            panic!("no root for {text}");
        };
        let mut lent = root.clone();
        let value = take_json(&mut lent);
        assert_eq!(value, to_json(root), "{text}");
        restore_json(&mut lent, value);
        assert_eq!(&lent, root, "{text}");
    }
}
