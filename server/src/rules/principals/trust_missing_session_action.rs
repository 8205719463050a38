//! `trust-missing-session-action`: A trust policy conditions on session tags or source identity without allowing the action that sets them.

use crate::model::DocKind;
use crate::rules::security::Allow;
use super::document_allows;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "trust-missing-session-action",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["MISSING_ACTION_FOR_CONDITION_KEY", "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY"],
    parliament: &[],
    summary: "A trust policy conditions on session tags or source identity without allowing the action that sets them",
    docs: "Session tags (`aws:RequestTag/…`, `aws:TagKeys`, `sts:TransitiveTagKeys`) are passed with `sts:TagSession`, and a \
source identity (`sts:SourceIdentity`) with `sts:SetSourceIdentity`; IAM Roles Anywhere needs `sts:AssumeRole`, \
`sts:TagSession` and `sts:SetSourceIdentity`. When the trust policy does not allow that action too, assuming the \
role with tags or a source identity fails.",
    example_file: "role-trust.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/ci"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:RequestTag/team": "data"}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/ci"}, "Action": ["sts:AssumeRole", "sts:TagSession"], "Condition": {"StringEquals": {"aws:RequestTag/team": "data"}}}]}"#,
    checks: &[Check::Allow(check)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// Session tags, source identity and Roles Anywhere need their companion actions, in
/// this statement or in another one for the same principals.
pub(crate) fn check(ctx: &RuleCtx<'_>, s: &Allow<'_, '_>, acc: &mut Vec<Diagnostic>) {
    let (st, principals) = (s.st, s.principals.as_slice());
    if ctx.kind.kind != DocKind::Trust || st.principal.is_none() {
        return;
    }
    let (actions, is_not) = st.action_values();
    if is_not || actions.is_empty() {
        return;
    }
    let allows = |name: &str| {
        actions
            .iter()
            .any(|a| crate::catalog::wildcard_match(a.text, name))
            || (!principals.is_empty() && principals.iter().all(|p| document_allows(ctx, p, name)))
    };
    let Some(at) = st.action.map(|m| m.key.range) else {
        return;
    };
    let mut needs: Vec<(&str, String)> = Vec::new();
    for c in st.conditions() {
        let k = c.key.key.text.to_ascii_lowercase();
        if k.starts_with("aws:requesttag/") || k == "aws:tagkeys" || k == "sts:transitivetagkeys" {
            needs.push((
                "sts:TagSession",
                format!("the condition on \"{}\" needs session tags", c.key.key.text),
            ));
        }
        if k == "sts:sourceidentity" {
            needs.push((
                "sts:SetSourceIdentity",
                "the condition on \"sts:SourceIdentity\" needs a source identity".to_string(),
            ));
        }
    }
    if principals.iter().any(|p| {
        p.kind == "Service"
            && p.value
                .text
                .eq_ignore_ascii_case("rolesanywhere.amazonaws.com")
    }) {
        for a in ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"] {
            needs.push((a, "IAM Roles Anywhere assumes roles with sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity".to_string()));
        }
    }
    let mut done: Vec<&str> = Vec::new();
    for (action, why) in needs {
        if allows(action) || done.contains(&action) {
            continue;
        }
        done.push(action);
        acc.push(ctx.diag(
            &RULE,
            at,
            format!("{why}: also allow \"{action}\" (in this statement or another one for the same principals)"),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_util::{check_clean, check_hit};
    use expect_test::expect;

    #[test]
    fn hit() {
        check_hit(
            &super::RULE,
            expect![[r#"
                error[trust-missing-session-action]: the condition on "aws:RequestTag/team" needs session tags: also allow "sts:TagSession" (in this statement or another one for the same principals)
                 --> role-trust.json:1:120
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/ci"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:RequestTag/team": "data"}}}]}
                   |                                                                                                                        ^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
