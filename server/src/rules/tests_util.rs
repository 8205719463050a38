//! Test helpers for the rule files: each rule checks its own `avoid` example (a hit,
//! shown as a snapshot of the CLI's human frames) and its `prefer` example (a near
//! miss on which nothing at all is reported).

use super::Rule;
use crate::analysis::analyze;
use crate::config::Config;
use crate::diagnostic::{human, Diagnostic};
use crate::syntax::LineIndex;
use expect_test::Expect;

/// The config `rule`'s examples are checked with: the defaults, plus the governance
/// setting a config-dependent rule needs to say anything.
pub(crate) fn example_config(rule: &Rule) -> Config {
    let mut config = Config::new();
    if std::ptr::eq(
        rule,
        &super::governance::s3_missing_required_encryption::RULE,
    ) {
        config.governance.s3_required_encryption = Some("aws:kms".to_string());
    }
    config
}

/// `LONG` in an example stands for a value long enough to exceed the smallest size quota.
pub(crate) fn expand(src: &str) -> String {
    src.replace("LONG", &"x".repeat(2100))
}

/// The findings of `rule` in `text` checked as a file named `file`.
pub(crate) fn findings(rule: &Rule, file: &str, text: &str) -> Vec<Diagnostic> {
    analyze(text, Some(file), &example_config(rule))
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == rule.id)
        .collect()
}

/// `found` (findings in `text`, the file `file`) in the frames `policy-lsp check`
/// prints for them, colour off.
pub(crate) fn render(file: &str, text: &str, found: &[Diagnostic]) -> String {
    let index = LineIndex::new(text);
    let mut out = String::new();
    for d in found {
        human::frame(&mut out, file, text, &index, d, false);
    }
    out
}

/// The rule's `avoid` example triggers it; `expect` is its findings as `policy-lsp
/// check` prints them. Only this rule's findings are shown: an example may trip other
/// rules too, and their wording is snapshotted in their own files.
pub(crate) fn check_hit(rule: &Rule, expect: Expect) {
    let text = expand(rule.avoid);
    let found = findings(rule, rule.example_file, &text);
    assert!(!found.is_empty(), "{}: no finding in {text}", rule.id);
    expect.assert_eq(&render(rule.example_file, &text, &found));
}

/// The rule's `prefer` example is clean: under the example config, `policy-lsp check`
/// prints nothing for it (no finding of any rule, at any severity, none suppressed).
pub(crate) fn check_clean(rule: &Rule) {
    let text = expand(rule.prefer);
    let analysis = analyze(&text, Some(rule.example_file), &example_config(rule));
    let shown = render(rule.example_file, &text, &analysis.diagnostics);
    assert!(
        shown.is_empty(),
        "{}: prefer example not clean:\n{shown}",
        rule.id
    );
    assert!(
        analysis.suppressed.is_empty(),
        "{}: prefer example has suppressed findings: {:?}",
        rule.id,
        analysis.suppressed
    );
}

/// The fix `rule` builds on request (`Rule::build_fix`) for its first finding in `text`.
fn built_fix(rule: &Rule, file: &str, text: &str) -> Option<crate::diagnostic::Fix> {
    let config = Config::default();
    let analysis = analyze(text, Some(file), &config);
    let d = analysis
        .diagnostics
        .iter()
        .find(|d| d.rule == rule.id)
        .unwrap_or_else(|| panic!("no {} in {:?}", rule.id, analysis.diagnostics));
    let policy = analysis.policy().expect("a policy");
    let ctx = super::FixCtx {
        text,
        catalog: config.catalog(),
        policy: &policy,
    };
    (rule.build_fix.expect("the rule builds a fix"))(&ctx, d.range)
}

/// Applies the fix `rule` builds for its first finding in `before`: the result is
/// `after`, still valid JSON, and without that finding.
pub(crate) fn check_build_fix(rule: &Rule, file: &str, before: &str, after: &str) {
    let fix = built_fix(rule, file, before).expect("a fix");
    assert_eq!(Some(fix.applicability), rule.fix);
    let fixed = crate::diagnostic::apply_edits(before, &fix.edits);
    assert_eq!(fixed, after);
    let again = analyze(&fixed, Some(file), &Config::default());
    assert!(again.parse.errors.is_empty(), "{fixed}");
    assert!(serde_json::from_str::<serde_json::Value>(&fixed).is_ok());
    assert!(
        again.diagnostics.iter().all(|d| d.rule != rule.id),
        "{fixed}: {:?}",
        again.diagnostics
    );
}

/// `rule` finds something in `text` but builds no fix for it.
pub(crate) fn check_no_build_fix(rule: &Rule, file: &str, text: &str) {
    assert_eq!(built_fix(rule, file, text), None);
}

/// The statement `rule` inserts into `text` (checked as `file`): its title and the
/// text with it inserted, which must parse cleanly and not be offered it again.
pub(crate) fn inserted_statement(rule: &Rule, file: &str, text: &str) -> Option<(String, String)> {
    let insert = rule.insert_statement.expect("the rule inserts a statement");
    let offered = |text: &str| {
        let analysis = analyze(text, Some(file), &Config::default());
        let policy = analysis.policy()?;
        insert(&super::InsertCtx {
            text,
            kind: analysis.kind.kind,
            policy: &policy,
            reported: analysis.diagnostics.iter().any(|d| d.rule == rule.id),
        })
    };
    let fix = offered(text)?;
    assert_eq!(Some(fix.applicability), rule.fix);
    let fixed = crate::diagnostic::apply_edits(text, &fix.edits);
    let again = analyze(&fixed, Some(file), &Config::default());
    assert!(again.parse.errors.is_empty(), "{fixed}");
    assert_eq!(offered(&fixed), None, "offered again: {fixed}");
    Some((fix.title, fixed))
}
