//! Test helpers for the rule files: each rule checks its own `avoid` example (a hit,
//! shown as a snapshot) and its `prefer` example (a near miss that must stay clean).

use super::Rule;
use crate::analysis::analyze;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
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

/// Renders findings as `rule severity start..end "text at the range": message`.
pub(crate) fn render(text: &str, found: &[Diagnostic]) -> String {
    let mut res = String::new();
    for d in found {
        let at = text.get(d.range.as_range()).unwrap_or("");
        let at = if at.len() > 60 {
            format!("{}…", &at[..at.floor_char_boundary(60)])
        } else {
            at.to_string()
        };
        res.push_str(&format!(
            "{} {} {}..{} {at:?}: {}\n",
            d.rule,
            d.severity.name(),
            d.range.start,
            d.range.end,
            d.message
        ));
    }
    res
}

/// The rule's `avoid` example triggers it; `expect` is the rendered findings.
pub(crate) fn check_hit(rule: &Rule, expect: Expect) {
    check_hit_in(rule, rule.example_file, &expand(rule.avoid), expect);
}

/// `text` (checked as `file`) triggers `rule`; `expect` is the rendered findings.
pub(crate) fn check_hit_in(rule: &Rule, file: &str, text: &str, expect: Expect) {
    let found = findings(rule, file, text);
    assert!(!found.is_empty(), "{}: no finding in {text}", rule.id);
    expect.assert_eq(&render(text, &found));
}

/// The rule's `prefer` example does not trigger it.
pub(crate) fn check_clean(rule: &Rule) {
    check_clean_in(rule, rule.example_file, &expand(rule.prefer));
}

/// `text` (checked as `file`) does not trigger `rule`.
pub(crate) fn check_clean_in(rule: &Rule, file: &str, text: &str) {
    let found = findings(rule, file, text);
    assert!(
        found.is_empty(),
        "{}: unexpected {}",
        rule.id,
        render(text, &found)
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
