//! The fast JSON template reader (`hosts::json_fast`) builds the tree the tolerant parser
//! and `hosts::from_json` build, or declines: checked here on every JSON file of the
//! corpora nobody here wrote (the `test/fixtures` of the PyPI source package of cfn-lint
//! 1.58.0: templates, schemas, expected outputs), on `tests/corpus/real-templates`,
//! `examples/` and `schemas/`, and on each file cut short at ten points (a template
//! half-typed). Each text it accepts must give exactly the parser's tree, with no
//! syntax error.

mod corpora;

use corpora::{cfn_lint_source, files_with_extension, repo_root};
use policy_lsp::hosts::json_fast::compare_fast_read;

#[test]
fn fast_reader_gives_the_parsers_tree_on_every_corpus_file() {
    let mut files = Vec::new();
    for dir in [
        cfn_lint_source().join("test/fixtures"),
        repo_root().join("tests/corpus/real-templates"),
        repo_root().join("examples"),
        repo_root().join("schemas"),
    ] {
        files_with_extension(&dir, &["json", "template"], &mut files);
    }
    let (mut fast, mut declined, mut prefixes) = (0, 0, 0);
    let mut failures = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue;
        };
        match compare_fast_read(&text) {
            Ok(true) => fast += 1,
            Ok(false) => declined += 1,
            Err(why) => failures.push(format!("{}: {why}", f.display())),
        }
        for k in 1..10 {
            let mut end = text.len() * k / 10;
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            match compare_fast_read(&text[..end]) {
                Ok(true) => prefixes += 1,
                Ok(false) => {}
                Err(why) => failures.push(format!("{} (first {end} bytes): {why}", f.display())),
            }
        }
    }
    eprintln!("JSON fast reader: {fast} files read fast (same tree), {declined} declined; {prefixes} prefixes read fast");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures[..failures.len().min(5)].join("\n\n")
    );
    // 226 of 229 when this was written.
    assert!(fast >= 200, "only {fast} files read fast");
}

/// Texts the fast reader must leave to the tolerant parser.
#[test]
fn declines_what_json_does_not_allow() {
    let texts = [
        "{\"a\": 1,}",
        "{\"a\": 01}",
        "{\"a\": 1.}",
        "{\"a\": \"\\x41\"}",
        "{\"a\": \"tab\there\"}",
        "// c\n{}",
        "{\"a\": truex}",
        "{\"a\": 1} 2",
        "\u{feff}{}",
        "{'a': 1}",
        "{\"k\": \"\\ud800\"}",
        "{\"k\": \"\\udc00\\ud800\"}",
        "",
    ];
    for t in texts {
        assert_eq!(compare_fast_read(t), Ok(false), "{t:?}");
    }
    let deep = "[".repeat(70) + &"]".repeat(70);
    assert_eq!(compare_fast_read(&deep), Ok(false));
}

/// Texts it reads, exactly as the parser does.
#[test]
fn reads_valid_json_as_the_parser_does() {
    let texts = [
        "{}",
        " [1, -2.5e+3, 0, true, false, null] ",
        "{\"A\": \"s3:Get\\u004fbject\", \"B\": {\"C\": [\"\\\"q\\\" \\/ \\n\"]}}\n",
        "{\"é\": \"ü\\ud83d\\ude00\"}",
        "\"just a string\"",
    ];
    for t in texts {
        assert_eq!(compare_fast_read(t), Ok(true), "{t:?}");
    }
}
