//! Test helpers of the ide layer, in rust-analyzer's style. A fixture is the document
//! with `$0` at the cursor (or two `$0` around a range), optionally after a first line
//! `//- NAME` naming the file (the name decides the document kind; `p.json` when left
//! out). Each helper renders what the client would get as plain text and compares it
//! with an `expect!` snapshot: `UPDATE_EXPECT=1 cargo test` rewrites the snapshots.

use crate::analysis::{analyze, Analysis};
use crate::catalog::Catalog;
use crate::config::Config;
use crate::diagnostic::apply_edits;
use crate::ide::{code_actions, ActionKind, CodeAction};
use crate::rules::Rule;
use crate::syntax::TextRange;
use expect_test::Expect;
use std::fmt::Write;

/// How many completion items a snapshot shows in full, one a line (about what an
/// editor shows without scrolling); the labels of the rest follow, comma-separated.
const SHOWN_ITEMS: usize = 10;

/// Removes the `$0` cursor marker and returns the text and the marker's byte offset.
pub(crate) fn extract_offset(fixture: &str) -> (String, usize) {
    let at = fixture.find("$0").expect("fixture has a $0 marker");
    (format!("{}{}", &fixture[..at], &fixture[at + 2..]), at)
}

/// Removes one `$0` (an empty range at the cursor) or two (the range between them).
pub(crate) fn extract_range_or_offset(fixture: &str) -> (String, TextRange) {
    let (text, start) = extract_offset(fixture);
    match text.find("$0") {
        Some(end) => {
            let text = format!("{}{}", &text[..end], &text[end + 2..]);
            (text, TextRange::new(start, end))
        }
        None => (text, TextRange::empty(start)),
    }
}

/// A parsed fixture: the file name, the text without markers, the marked range.
pub(crate) struct Fixture {
    pub(crate) file: String,
    pub(crate) text: String,
    pub(crate) range: TextRange,
}

impl Fixture {
    pub(crate) fn parse(fixture: &str) -> Fixture {
        let (file, body) = match fixture.strip_prefix("//- ") {
            Some(rest) => {
                let (name, body) = rest.split_once('\n').expect("a line after `//- NAME`");
                (name.trim().to_string(), body)
            }
            None => ("p.json".to_string(), fixture),
        };
        let (text, range) = extract_range_or_offset(body);
        Fixture { file, text, range }
    }

    pub(crate) fn analyze(&self) -> Analysis {
        analyze(&self.text, Some(&self.file), &Config::default())
    }
}

/// The hover at the cursor: the hovered span's text, then the Markdown.
pub(crate) fn check_hover(fixture: &str, expect: Expect) {
    let f = Fixture::parse(fixture);
    let h = crate::ide::hover(&f.analyze(), f.range.start as usize)
        .unwrap_or_else(|| panic!("no hover at $0 in {}", f.text));
    let span = &f.text[h.range.as_range()];
    expect.assert_eq(&format!("span: `{span}`\n\n{}\n", h.markdown));
}

/// No hover at the cursor.
pub(crate) fn check_no_hover(fixture: &str) {
    let f = Fixture::parse(fixture);
    let h = crate::ide::hover(&f.analyze(), f.range.start as usize);
    assert_eq!(h, None, "a hover at $0 in {}", f.text);
}

/// The completion list at the cursor as the client sees it, in its order (the
/// position is the item's `sortText`): the text every item replaces, then the first
/// [`SHOWN_ITEMS`] items one a line (position, kind, label, ` · ` detail, `=>` the
/// inserted text when it is not the label, `snippet` for snippets, `(retrigger)` when
/// accepting it asks for completion again), then the labels of the rest in order.
pub(crate) fn check_completion(fixture: &str, expect: Expect) {
    expect.assert_eq(&render_completion(fixture));
}

fn render_completion(fixture: &str) -> String {
    let f = Fixture::parse(fixture);
    let analysis = f.analyze();
    let offset = f.range.start as usize;
    let Some(items) = crate::ide::completions(&analysis, Catalog::builtin(), offset) else {
        return "no completion: not a policy\n".to_string();
    };
    let Some(first) = items.first() else {
        return "no items\n".to_string();
    };
    let replaced = |r: TextRange| format!("{:?}", &f.text[r.as_range()]);
    let mut out = format!(
        "{} items, replacing {}\n",
        items.len(),
        replaced(first.range)
    );
    for (i, it) in items.iter().enumerate().take(SHOWN_ITEMS) {
        let _ = write!(out, "{i:>2} {:<8} {}", format!("{:?}", it.kind), it.label);
        if let Some(d) = &it.detail {
            let _ = write!(out, " · {d}");
        }
        if it.insert != it.label || it.snippet {
            let snippet = if it.snippet { "snippet " } else { "" };
            let _ = write!(out, " => {snippet}{:?}", it.insert);
        }
        if it.retrigger {
            out.push_str(" (retrigger)");
        }
        if it.range != first.range {
            let _ = write!(out, " replacing {}", replaced(it.range));
        }
        out.push('\n');
    }
    if items.len() > SHOWN_ITEMS {
        out.push_str("then:");
        let mut line = 5;
        for (i, it) in items.iter().enumerate().skip(SHOWN_ITEMS) {
            let sep = if i + 1 < items.len() { "," } else { "" };
            if line + 1 + it.label.len() + sep.len() > 100 {
                out.push_str("\n   ");
                line = 3;
            }
            let _ = write!(out, " {}{sep}", it.label);
            line += 1 + it.label.len() + sep.len();
        }
        out.push('\n');
    }
    out
}

/// The quick fixes the client is offered for the first `rule` diagnostic touching the
/// fixture's cursor or range.
fn quick_fixes(rule: &'static Rule, f: &Fixture, analysis: &Analysis) -> Vec<CodeAction> {
    let (i, d) = crate::ide::diagnostics(analysis)
        .iter()
        .enumerate()
        .find(|(_, d)| d.rule == rule.id && super::code_actions::overlaps(d.range, f.range))
        .unwrap_or_else(|| panic!("no {} at $0: {:?}", rule.id, analysis.diagnostics));
    code_actions(analysis, Catalog::builtin(), d.range)
        .into_iter()
        .filter(|a| a.kind == ActionKind::QuickFix && a.diagnostics == vec![i])
        .collect()
}

/// Applies the first quick fix of the `rule` diagnostic at the cursor (or range) and
/// compares the document with `after`. The fixed document must parse, and the rule must
/// report one finding fewer. Returns the applied action (title, whether preferred).
pub(crate) fn check_fix(rule: &'static Rule, before: &str, after: Expect) -> CodeAction {
    let f = Fixture::parse(before);
    let analysis = f.analyze();
    let fix = quick_fixes(rule, &f, &analysis)
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no quick fix for {} at $0", rule.id));
    let fixed = apply_edits(&f.text, &fix.edits);
    after.assert_eq(&fixed);
    let again = analyze(&fixed, Some(&f.file), &Config::default());
    assert!(again.parse.errors.is_empty(), "{fixed}");
    if again.host.is_none() {
        assert!(serde_json::from_str::<serde_json::Value>(&fixed).is_ok());
    }
    let count = |a: &Analysis| a.diagnostics.iter().filter(|d| d.rule == rule.id).count();
    assert!(
        count(&again) < count(&analysis),
        "{fixed}: {:?}",
        again.diagnostics
    );
    fix
}

/// The `rule` diagnostic at the cursor (or range) has no quick fix.
pub(crate) fn check_no_fix(rule: &'static Rule, before: &str) {
    let f = Fixture::parse(before);
    let analysis = f.analyze();
    assert_eq!(quick_fixes(rule, &f, &analysis), Vec::new());
}
