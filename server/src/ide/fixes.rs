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
    use crate::ide::test_utils::{check_fix, check_no_fix, Fixture};
    use crate::rules::conditions::operator_type_mismatch::RULE as OPERATOR_TYPE;
    use crate::rules::resources::resource_mismatch::RULE as MISMATCH;
    use expect_test::expect;

    /// The IDE finds a rule's `build_fix` through the registry.
    #[test]
    fn fixes_built_on_request_are_found_by_rule() {
        let before = r#"//- a.iam.json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "$0s3:GetObject", "Resource": "arn:aws:s3:::bucket"}]}"#;
        let fix = check_fix(
            &MISMATCH,
            before,
            expect![[
                r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"]}]}"#
            ]],
        );
        assert!(!fix.preferred, "an unsafe fix: {fix:?}");
        // It is the rule's built fix, found through the registry, not one the finding
        // carries.
        let f = Fixture::parse(before);
        let analysis = f.analyze();
        let d = analysis.diagnostics.iter().find(|d| d.rule == MISMATCH.id);
        let d = d.expect("resource-mismatch");
        assert!(d.fixes.is_empty());
        let built = fixes_for(&analysis, Catalog::builtin(), d);
        assert_eq!(built.len(), 1);
        assert_eq!(built[0].edits, fix.edits);
        check_no_fix(
            &OPERATOR_TYPE,
            r#"//- a.iam.json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringNotEquals": {"$0aws:SecureTransport": "true"}}}]}"#,
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
