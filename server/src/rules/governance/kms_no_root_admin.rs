//! `kms-no-root-admin`: No statement keeps the key manageable (lockout risk).

use super::{insert_statement, unique_sid};
use crate::diagnostic::json_edit::json_str;
use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix};
use crate::model::DocKind;
use crate::model::{Effect, Policy};
use crate::rules::security::covered;
use crate::rules::{Applicability, Category, Check, NotesTopic, Rule};
use crate::rules::{InsertCtx, RuleCtx};
use crate::syntax::Node;

pub static RULE: Rule = Rule {
    id: "kms-no-root-admin",
    category: Category::Governance,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &[],
    summary: "No statement keeps the key manageable (lockout risk)",
    docs: "If no statement lets the account (`arn:aws:iam::ACCOUNT:root`) or a named administrator call \
`kms:PutKeyPolicy`, a mistake in the policy can leave the key unmanageable; only AWS Support can recover it. Keep \
the default statement that allows the account root `kms:*`, so that IAM policies in the account decide who \
administers the key. The quick fix adds it.",
    example_file: "k.kms.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"}, "Action": "kms:Decrypt", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "Root", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}, {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"}, "Action": "kms:Decrypt", "Resource": "*"}]}"#,
    checks: &[Check::Document(check)],
    notes_topics: &[NotesTopic::Action("kms:PutKeyPolicy"), NotesTopic::Service("kms")],
    fix: Some(Applicability::Unsafe),
    build_fix: None,
    insert_statement: Some(root_administration),
};

/// The placeholder account used when the policy names none.
const PLACEHOLDER_ACCOUNT: &str = "111122223333";

/// A key policy in which nobody may change the key policy.
pub(crate) fn check(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some((policy, anchor)) = crate::rules::security::document_anchor(ctx) else {
        return;
    };
    if ctx.kind.kind != DocKind::KmsKey {
        return;
    }
    let manageable = policy.statements.iter().any(|st| {
        st.effect() == Some(Effect::Allow)
            && !covered(st, &["kms:PutKeyPolicy"]).is_empty()
            && !st.principals().is_empty()
    });
    if !manageable && !policy.statements.is_empty() {
        acc.push(ctx.diag(&RULE, anchor, "no statement lets the account root or an administrator change this key policy (kms:PutKeyPolicy): one mistake could lock the key; add the account-root statement".to_string()));
    }
}

/// The statement allowing the account root `kms:*`, for key policies without an Allow
/// of `*` or `kms:*` to an account (and wherever the rule reported a finding). The
/// account is the first one the policy names, else [`PLACEHOLDER_ACCOUNT`].
fn root_administration(ctx: &InsertCtx<'_>) -> Option<Fix> {
    let policy = ctx.policy;
    if !ctx.reported && (ctx.kind != DocKind::KmsKey || has_root_admin(policy)) {
        return None;
    }
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
    insert_statement(ctx.text, policy, &statement, &title)
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

#[cfg(test)]
mod tests {
    use crate::rules::tests_util::{check_clean, check_hit, inserted_statement};
    use expect_test::expect;

    #[test]
    fn hit() {
        check_hit(
            &super::RULE,
            expect![[r#"
                warning[kms-no-root-admin]: no statement lets the account root or an administrator change this key policy (kms:PutKeyPolicy): one mistake could lock the key; add the account-root statement
                 --> k.kms.json:1:27
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/App"}, "Action": "kms:Decrypt", "Resource": "*"}]}
                   |                           ^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }

    #[test]
    fn kms_root_statement_inline_and_placeholder() {
        let text = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "EnableRootAccountAdministration", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/App"}, "Action": "kms:Decrypt", "Resource": "*"}]}"#;
        let (title, fixed) =
            inserted_statement(&super::RULE, "key.kms.json", text).expect("offered");
        assert_eq!(
            title,
            "Add an account-root administration statement for account 444455556666"
        );
        assert_eq!(
            fixed,
            r#"{"Version": "2012-10-17", "Statement": [{"Sid": "EnableRootAccountAdministration", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/App"}, "Action": "kms:Decrypt", "Resource": "*"}, {"Sid": "EnableRootAccountAdministration2", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "kms:*", "Resource": "*"}]}"#
        );
        let single = r#"{"Statement": {"Effect": "Allow", "Principal": {"Service": "logs.amazonaws.com"}, "Action": "kms:Encrypt", "Resource": "*"}}"#;
        let (_, fixed) = inserted_statement(&super::RULE, "key.kms.json", single).expect("offered");
        assert!(
            fixed.contains(r#""arn:aws:iam::111122223333:root""#),
            "{fixed}"
        );
        assert!(fixed.starts_with(r#"{"Statement": [{"Effect""#), "{fixed}");
    }
}
