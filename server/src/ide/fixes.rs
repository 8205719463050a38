//! Fixes the IDE collects from the rules beyond those attached to each finding: the
//! fixes a rule builds on request (its `build_fix`, e.g. `operator-type-mismatch` and
//! `resource-mismatch`, which restructure the document or need the catalog), and the
//! statements rules offer to insert (their `insert_statement`, e.g.
//! `s3-missing-secure-transport` and `kms-no-root-admin`). Every fix keeps the
//! document valid JSON and touches only what it must.

use crate::analysis::Analysis;
use crate::catalog::Catalog;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rules::{rule, FixCtx, InsertCtx, RULES};

/// Fixes for `d` beyond those the rule attached.
pub fn fixes_for(analysis: &Analysis, catalog: &Catalog, d: &Diagnostic) -> Vec<Fix> {
    let Some(policy) = analysis.policy() else {
        return Vec::new();
    };
    let ctx = FixCtx {
        text: analysis.text.as_str(),
        catalog,
        policy: &policy,
    };
    rule(d.rule)
        .and_then(|r| r.build_fix)
        .and_then(|build| build(&ctx, d.range))
        .into_iter()
        .collect()
}

/// A statement to insert, with the rule whose diagnostic it resolves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementFix {
    pub rule: &'static str,
    pub fix: Fix,
}

/// The statements worth adding to this document, in registry order: each rule with an
/// `insert_statement` decides from the document and whether it reported a finding.
/// None in documents with syntax errors or that are not policies.
pub fn statement_fixes(analysis: &Analysis) -> Vec<StatementFix> {
    if !analysis.is_policy || !analysis.parse.errors.is_empty() {
        return Vec::new();
    }
    let Some(policy) = analysis.policy() else {
        return Vec::new();
    };
    RULES
        .iter()
        .filter_map(|rule| {
            let insert = rule.insert_statement?;
            let ctx = InsertCtx {
                text: analysis.text.as_str(),
                kind: analysis.kind.kind,
                policy: &policy,
                reported: analysis.diagnostics.iter().any(|d| d.rule == rule.id),
            };
            let fix = insert(&ctx)?;
            Some(StatementFix { rule: rule.id, fix })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::config::Config;
    use crate::diagnostic::apply_edits;

    /// Applies the IDE fix of the first `rule` diagnostic and checks the result.
    fn check_fix(rule: &str, file: &str, before: &str, after: &str) {
        let config = Config::default();
        let analysis = analyze(before, Some(file), &config);
        let d = analysis
            .diagnostics
            .iter()
            .find(|d| d.rule == rule)
            .unwrap_or_else(|| panic!("no {rule} in {:?}", analysis.diagnostics));
        let fixes = fixes_for(&analysis, config.catalog(), d);
        assert_eq!(fixes.len(), 1, "{fixes:?}");
        assert!(!fixes[0].is_safe());
        let fixed = apply_edits(before, &fixes[0].edits);
        assert_eq!(fixed, after);
        let again = analyze(&fixed, Some(file), &config);
        assert!(again.parse.errors.is_empty(), "{fixed}");
        assert!(serde_json::from_str::<serde_json::Value>(&fixed).is_ok());
        assert!(
            again.diagnostics.iter().all(|d| d.rule != rule),
            "{fixed}: {:?}",
            again.diagnostics
        );
    }

    fn no_fix(rule: &str, file: &str, text: &str) {
        let config = Config::default();
        let analysis = analyze(text, Some(file), &config);
        let d = analysis
            .diagnostics
            .iter()
            .find(|d| d.rule == rule)
            .expect("diagnostic");
        assert_eq!(fixes_for(&analysis, config.catalog(), d), Vec::new());
    }

    /// The IDE finds a rule's `build_fix` through the registry.
    #[test]
    fn fixes_built_on_request_are_found_by_rule() {
        check_fix(
            "resource-mismatch",
            "a.iam.json",
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket"}]}"#,
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"]}]}"#,
        );
        no_fix(
            "operator-type-mismatch",
            "a.iam.json",
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringNotEquals": {"aws:SecureTransport": "true"}}}]}"#,
        );
    }

    fn insert(file: &str, text: &str) -> Vec<(String, String)> {
        let analysis = analyze(text, Some(file), &Config::default());
        statement_fixes(&analysis)
            .into_iter()
            .map(|it| {
                let fixed = apply_edits(text, &it.fix.edits);
                let again = analyze(&fixed, Some(file), &Config::default());
                assert!(again.parse.errors.is_empty(), "{fixed}");
                assert!(statement_fixes(&again).is_empty(), "offered again: {fixed}");
                (it.fix.title, fixed)
            })
            .collect()
    }

    #[test]
    fn nothing_to_insert_when_present_or_other_kinds() {
        for (name, text) in [
            (
                "secure-data-bucket-policy.json",
                include_str!("../../../examples/secure-data-bucket-policy.json"),
            ),
            (
                "orders-data-key.kms.json",
                include_str!("../../../examples/orders-data-key.kms.json"),
            ),
        ] {
            assert_eq!(insert(name, text), Vec::new(), "{name}");
        }
        let identity = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#;
        assert_eq!(insert("a.iam.json", identity), Vec::new());
    }
}
