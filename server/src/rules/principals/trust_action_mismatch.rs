//! `trust-action-mismatch`: The assume-role action does not fit the principal type.

use crate::model::DocKind;
use crate::rules::security::Allow;
use super::{document_allows, idp_of, Idp};
use crate::catalog::has_wildcard;
use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "trust-action-mismatch",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["MISMATCHED_ACTION_FOR_PRINCIPAL"],
    parliament: &[],
    summary: "The assume-role action does not fit the principal type",
    docs: "In a role trust policy, AWS and Service principals assume the role with `sts:AssumeRole`, SAML providers with \
`sts:AssumeRoleWithSAML`, and OIDC providers (GitHub, Cognito, Google, EKS) with `sts:AssumeRoleWithWebIdentity`. \
With the wrong action the federation never works.",
    example_file: "role-trust.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/Okta"}, "Action": "sts:AssumeRole"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/Okta"}, "Action": "sts:AssumeRoleWithSAML", "Condition": {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}}]}"#,
    checks: &[Check::Allow(check)],
    notes_topics: &[],
    fix: Some(Applicability::Safe),
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, s: &Allow<'_, '_>, acc: &mut Vec<Diagnostic>) {
    let (st, principals) = (s.st, s.principals.as_slice());
    if ctx.kind.kind != DocKind::Trust || st.principal.is_none() {
        return;
    }
    let (actions, is_not) = st.action_values();
    if is_not || actions.is_empty() || actions.iter().any(|a| has_wildcard(a.text)) {
        return;
    }
    let lower: Vec<String> = actions
        .iter()
        .map(|a| a.text.to_ascii_lowercase())
        .collect();
    let has = |name: &str| lower.iter().any(|a| a == name);
    let has_assume = lower.iter().any(|a| a.starts_with("sts:assumerole"));
    // need -> (who, whether every principal needing it is allowed it by another statement)
    let mut needs: Vec<(&str, &str, bool)> = Vec::new();
    for p in principals {
        let (need, who) = match p.kind {
            "AWS" | "Service" | "*" => ("sts:AssumeRole", "AWS accounts, roles and services"),
            "Federated" => match idp_of(p.value.text) {
                Some(Idp::Saml) => ("sts:AssumeRoleWithSAML", "a SAML provider"),
                Some(Idp::Oidc) => ("sts:AssumeRoleWithWebIdentity", "an OIDC provider"),
                None => continue,
            },
            _ => continue,
        };
        let elsewhere = document_allows(ctx, p, need);
        match needs.iter_mut().find(|(n, _, _)| *n == need) {
            Some(entry) => entry.2 &= elsewhere,
            None => needs.push((need, who, elsewhere)),
        }
    }
    for (need, who, elsewhere) in needs {
        if has(&need.to_ascii_lowercase()) {
            continue;
        }
        // A statement of session actions only (sts:TagSession, sts:SetSourceIdentity,
        // sts:SetContext) for principals that another statement lets assume the role.
        if !has_assume && elsewhere {
            continue;
        }
        // Point at the assume action that is there, else at the first action.
        let target = actions
            .iter()
            .find(|a| a.text.to_ascii_lowercase().starts_with("sts:assumerole"))
            .unwrap_or(&actions[0]);
        let message = if has_assume {
            format!(
                "principals from {who} assume a role with \"{need}\", not \"{}\"",
                target.text
            )
        } else {
            format!(
                "principals from {who} assume a role with \"{need}\", which no statement of this trust policy allows them: \"{}\" alone does not let them assume it",
                target.text
            )
        };
        let mut d = ctx.diag(&RULE, target.range(), message);
        if has_assume {
            d.fixes.push(Fix::replace(
                format!("Change to \"{need}\""),
                target.node.inner_range(),
                need,
                Applicability::Safe,
            ));
        }
        acc.push(d);
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
                error[trust-action-mismatch]: principals from a SAML provider assume a role with "sts:AssumeRoleWithSAML", not "sts:AssumeRole"
                 --> role-trust.json:1:147
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:saml-provider/Okta"}, "Action": "sts:AssumeRole"}]}
                   |                                                                                                                                                   ^^^^^^^^^^^^^^^^
                   = fix: Change to "sts:AssumeRoleWithSAML"

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
