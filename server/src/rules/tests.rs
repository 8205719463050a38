//! Invariants over every rule (each rule's own hit and near-miss tests are in its file),
//! and tests that span several rules.

use crate::analysis::analyze;
use crate::config::Config;
use crate::rules::tests_util::{example_config, expand};
use crate::rules::RULES;

#[path = "tests_issue19.rs"]
mod issue19;

#[test]
fn every_rule_has_examples() {
    for r in RULES.iter() {
        assert!(
            !r.avoid.is_empty() && !r.prefer.is_empty(),
            "rule {} has no avoid/prefer examples",
            r.id
        );
    }
}

#[test]
fn safe_fixes_reparse_and_clear_their_diagnostic() {
    use crate::diagnostic::apply_edits;
    for rule in RULES.iter() {
        let (file, config) = (rule.example_file, example_config(rule));
        let text = expand(rule.avoid);
        let a = analyze(&text, Some(file), &config);
        for d in a.diagnostics.iter().filter(|d| d.rule == rule.id) {
            for f in d.fixes.iter().filter(|f| f.is_safe()) {
                let fixed = apply_edits(&text, &f.edits);
                let b = analyze(&fixed, Some(file), &config);
                assert!(
                    b.parse.errors.is_empty(),
                    "{}: fix `{}` broke the JSON: {fixed}",
                    rule.id,
                    f.title
                );
                assert!(
                    !b.diagnostics
                        .iter()
                        .any(|x| x.rule == rule.id && x.range.start == d.range.start),
                    "{}: fix `{}` did not clear it: {fixed}",
                    rule.id,
                    f.title
                );
            }
        }
    }
}

/// A rule's fix applicability is declared in its `RULE` and matches the fixes it
/// makes on its own example.
#[test]
fn fixes_match_the_declared_applicability() {
    for rule in RULES.iter() {
        let text = expand(rule.avoid);
        let a = analyze(&text, Some(rule.example_file), &example_config(rule));
        for d in a.diagnostics.iter().filter(|d| d.rule == rule.id) {
            for f in &d.fixes {
                assert_eq!(
                    Some(f.applicability),
                    rule.fix,
                    "{}: fix `{}`",
                    rule.id,
                    f.title
                );
            }
        }
    }
}

#[test]
fn duplicate_statements_compare_values_not_text() {
    let count = |text: &str| {
        analyze(text, Some("a.iam.json"), &Config::new())
            .diagnostics
            .iter()
            .filter(|d| d.rule == "duplicate-statement")
            .count()
    };
    // Keys in another order, other white space, another Sid, 1.0 written as 1e0.
    assert_eq!(
        count(
            r#"{"Version": "2012-10-17", "Statement": [
            {"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"NumericLessThan": {"s3:max-keys": 1.0}}},
            {"Condition": {"NumericLessThan": {"s3:max-keys": 1e0}}, "Resource": "*", "Action": "s3:GetObject", "Effect": "Allow"},
            {"Resource":"*","Action":"s3:GetObject","Effect":"Allow","Sid":"C","Condition":{"NumericLessThan":{"s3:max-keys":1.0}}}]}"#
        ),
        2
    );
    // Array order matters, and so does every value.
    assert_eq!(
        count(
            r#"{"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"},
            {"Effect": "Allow", "Action": ["s3:PutObject", "s3:GetObject"], "Resource": "*"},
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": ["*"]},
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*", "Condition": {}}]}"#
        ),
        0
    );
}
