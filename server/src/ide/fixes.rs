//! Fixes the IDE computes itself: those a rule builds on request (its `build_fix`,
//! e.g. `operator-type-mismatch` and `resource-mismatch`, which restructure the document
//! or need the catalog), and statements to insert. Every fix keeps the document valid
//! JSON and touches only what it must.
//!
//! - Statements: "deny insecure transport" for S3 bucket policies and "account-root
//!   administration" for KMS key policies (rules `s3-missing-secure-transport` and
//!   `kms-no-root-admin`).

use crate::analysis::Analysis;
use crate::catalog::Catalog;
use crate::diagnostic::json_edit::{json_str, line_indent, newline, separate_lines};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::model::{self, DocKind, Effect, Policy};
use crate::rules::resources::resource_mismatch::s3_bucket_arn;
use crate::rules::{rule, FixCtx};
use crate::syntax::{Node, TextRange, Value};

pub const SECURE_TRANSPORT_RULE: &str = "s3-missing-secure-transport";
pub const KMS_ROOT_RULE: &str = "kms-no-root-admin";
/// The placeholder account used when the policy names none.
pub const PLACEHOLDER_ACCOUNT: &str = "111122223333";

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

/// The statements worth adding to this document: a Deny of insecure transport for
/// S3 bucket policies without one, and the account-root administration statement for
/// KMS key policies without one (also when the rule's diagnostic is present).
pub fn statement_fixes(analysis: &Analysis) -> Vec<StatementFix> {
    let mut acc = Vec::new();
    if !analysis.is_policy || !analysis.parse.errors.is_empty() {
        return acc;
    }
    let Some(policy) = analysis.policy() else {
        return acc;
    };
    let flagged = |rule: &str| analysis.diagnostics.iter().any(|d| d.rule == rule);
    let text = analysis.text.as_str();
    let kind = analysis.kind.kind;
    if (kind == DocKind::S3Bucket && !has_secure_transport(&policy))
        || flagged(SECURE_TRANSPORT_RULE)
    {
        if let Some(fix) = secure_transport(text, &policy) {
            acc.push(StatementFix {
                rule: SECURE_TRANSPORT_RULE,
                fix,
            });
        }
    }
    if (kind == DocKind::KmsKey && !has_root_admin(&policy)) || flagged(KMS_ROOT_RULE) {
        if let Some(fix) = kms_root(text, &policy) {
            acc.push(StatementFix {
                rule: KMS_ROOT_RULE,
                fix,
            });
        }
    }
    acc
}

// ----- statements ------------------------------------------------------------------

fn has_secure_transport(policy: &Policy<'_>) -> bool {
    policy.statements.iter().any(|st| {
        st.effect() == Some(Effect::Deny)
            && st
                .conditions()
                .iter()
                .any(|c| c.key.key.text.eq_ignore_ascii_case("aws:SecureTransport"))
    })
}

fn has_root_admin(policy: &Policy<'_>) -> bool {
    policy.statements.iter().any(|st| {
        let (actions, is_not) = st.action_values();
        st.effect() == Some(Effect::Allow)
            && !is_not
            && actions
                .iter()
                .any(|a| a.text == "*" || a.text.eq_ignore_ascii_case("kms:*"))
            && st.principals().iter().any(|p| {
                p.kind == "AWS" && (p.value.text.ends_with(":root") || is_account(p.value.text))
            })
    })
}

fn is_account(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

fn secure_transport(text: &str, policy: &Policy<'_>) -> Option<Fix> {
    let mut buckets: Vec<&str> = Vec::new();
    for st in &policy.statements {
        let (values, _) = st.resource_values();
        for v in values {
            if let Some(b) = s3_bucket_arn(v.text) {
                if !buckets.contains(&b) {
                    buckets.push(b);
                }
            }
        }
    }
    if buckets.is_empty() {
        return None;
    }
    let resources: Vec<String> = buckets
        .iter()
        .flat_map(|b| [json_str(b), json_str(&format!("{b}/*"))])
        .collect();
    let sid = unique_sid(policy, "DenyInsecureTransport");
    let statement = format!(
        r#"{{"Sid": {}, "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": [{}], "Condition": {{"Bool": {{"aws:SecureTransport": "false"}}}}}}"#,
        json_str(&sid),
        resources.join(", ")
    );
    insert_statement(
        text,
        policy,
        &statement,
        "Add a statement denying insecure transport (HTTP)",
    )
}

fn kms_root(text: &str, policy: &Policy<'_>) -> Option<Fix> {
    let (partition, account) = policy_account(policy).unwrap_or(("aws", PLACEHOLDER_ACCOUNT));
    let sid = unique_sid(policy, "EnableRootAccountAdministration");
    let statement = format!(
        r#"{{"Sid": {}, "Effect": "Allow", "Principal": {{"AWS": {}}}, "Action": "kms:*", "Resource": "*"}}"#,
        json_str(&sid),
        json_str(&format!("arn:{partition}:iam::{account}:root"))
    );
    let title = if account == PLACEHOLDER_ACCOUNT {
        "Add an account-root administration statement (edit the account id)".to_string()
    } else {
        format!("Add an account-root administration statement for account {account}")
    };
    insert_statement(text, policy, &statement, &title)
}

/// The partition and account of the first ARN naming an account: principals first,
/// then any resource or condition value.
fn policy_account<'a>(policy: &Policy<'a>) -> Option<(&'a str, &'a str)> {
    let from_arn = |s: &'a str| {
        let parts: Vec<&str> = s.splitn(6, ':').collect();
        (parts.len() == 6 && parts[0] == "arn" && is_account(parts[4]))
            .then(|| (parts[1], parts[4]))
    };
    let principals = policy
        .statements
        .iter()
        .flat_map(|st| st.principals())
        .find_map(|p| {
            if is_account(p.value.text) {
                Some(("aws", p.value.text))
            } else {
                from_arn(p.value.text)
            }
        });
    principals.or_else(|| {
        policy.statements.iter().find_map(|st| {
            let (values, _) = st.resource_values();
            let in_conditions = st
                .conditions()
                .into_iter()
                .flat_map(|c| c.values)
                .filter_map(Node::as_str);
            values
                .iter()
                .map(|v| v.text)
                .chain(in_conditions)
                .find_map(from_arn)
        })
    })
}

fn unique_sid(policy: &Policy<'_>, base: &str) -> String {
    let taken = |s: &str| {
        policy
            .statements
            .iter()
            .any(|st| model::value(st.sid).and_then(Node::as_str) == Some(s))
    };
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}{n}"))
        .find(|s| !taken(s))
        .unwrap_or_default()
}

/// Inserts `statement` (compact JSON) after the last statement, laid out like the
/// document: on its own lines with the statements' indentation when they are on
/// separate lines, inline otherwise.
fn insert_statement(text: &str, policy: &Policy<'_>, statement: &str, title: &str) -> Option<Fix> {
    let value = model::value(policy.statement)?;
    let edit = match &value.value {
        Value::Array(a) => match a.items.last() {
            Some(last)
                if separate_lines(text, value.range.start as usize, last.range.start as usize) =>
            {
                let indent = line_indent(text, last.range.start as usize);
                let unit = indent_unit(text, policy, indent);
                let nl = newline(text);
                let parsed = crate::syntax::parse(statement);
                let node = parsed.root.as_ref()?;
                let printed = crate::syntax::print::print_with_unit(statement, node, 0, &unit, nl);
                let printed = printed.replace(nl, &format!("{nl}{indent}"));
                Edit {
                    range: TextRange::empty(last.range.end as usize),
                    text: format!(",{nl}{indent}{printed}"),
                }
            }
            Some(last) => Edit {
                range: TextRange::empty(last.range.end as usize),
                text: format!(", {statement}"),
            },
            None => Edit {
                range: TextRange::empty(value.range.start as usize + 1),
                text: statement.to_string(),
            },
        },
        Value::Object(_) => Edit {
            range: value.range,
            text: format!("[{}, {statement}]", text.get(value.range.as_range())?),
        },
        _ => return None,
    };
    Some(Fix {
        title: title.to_string(),
        edits: vec![edit],
        applicability: Applicability::Unsafe,
    })
}

/// One indentation step: the statement's indentation less that of the line holding
/// `"Statement"` when it extends it, else two spaces.
fn indent_unit(text: &str, policy: &Policy<'_>, statement_indent: &str) -> String {
    let outer = policy
        .statement
        .map_or("", |m| line_indent(text, m.key.range.start as usize));
    match statement_indent.strip_prefix(outer) {
        Some(step) if !step.is_empty() => step.to_string(),
        _ if statement_indent.starts_with('\t') => "\t".to_string(),
        _ => "  ".to_string(),
    }
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
    fn secure_transport_statement_with_the_documents_layout() {
        let text = "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": [\n        {\n            \"Effect\": \"Allow\",\n            \"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:root\"},\n            \"Action\": \"s3:GetObject\",\n            \"Resource\": \"arn:aws:s3:::assets/*\"\n        }\n    ]\n}\n";
        let res = insert("site.bucket-policy.json", text);
        assert_eq!(res.len(), 1);
        assert_eq!(
            res[0].0,
            "Add a statement denying insecure transport (HTTP)"
        );
        expect_test::expect![[r#"
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
                        "Action": "s3:GetObject",
                        "Resource": "arn:aws:s3:::assets/*"
                    },
                    {
                        "Sid": "DenyInsecureTransport",
                        "Effect": "Deny",
                        "Principal": "*",
                        "Action": "s3:*",
                        "Resource": ["arn:aws:s3:::assets", "arn:aws:s3:::assets/*"],
                        "Condition": {
                            "Bool": {
                                "aws:SecureTransport": "false"
                            }
                        }
                    }
                ]
            }
        "#]]
        .assert_eq(&res[0].1);
    }

    #[test]
    fn kms_root_statement_inline_and_placeholder() {
        let text = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "EnableRootAccountAdministration", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/App"}, "Action": "kms:Decrypt", "Resource": "*"}]}"#;
        let res = insert("key.kms.json", text);
        assert_eq!(res.len(), 1);
        assert_eq!(
            res[0].0,
            "Add an account-root administration statement for account 444455556666"
        );
        assert_eq!(
            res[0].1,
            r#"{"Version": "2012-10-17", "Statement": [{"Sid": "EnableRootAccountAdministration", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/App"}, "Action": "kms:Decrypt", "Resource": "*"}, {"Sid": "EnableRootAccountAdministration2", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "kms:*", "Resource": "*"}]}"#
        );
        let single = r#"{"Statement": {"Effect": "Allow", "Principal": {"Service": "logs.amazonaws.com"}, "Action": "kms:Encrypt", "Resource": "*"}}"#;
        let res = insert("key.kms.json", single);
        assert_eq!(res.len(), 1);
        assert!(
            res[0].1.contains(r#""arn:aws:iam::111122223333:root""#),
            "{}",
            res[0].1
        );
        assert!(
            res[0].1.starts_with(r#"{"Statement": [{"Effect""#),
            "{}",
            res[0].1
        );
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
