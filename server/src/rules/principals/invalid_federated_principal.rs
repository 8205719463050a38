//! `invalid-federated-principal`: A Federated principal that is not an identity provider.

use super::idp_of;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::PrincipalValue;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "invalid-federated-principal",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY"],
    parliament: &["UNKNOWN_FEDERATION_SOURCE"],
    summary: "A Federated principal that is not an identity provider",
    docs: "`Federated` principals are SAML or OIDC provider ARNs (`arn:aws:iam::111122223333:saml-provider/Name`, \
`…:oidc-provider/token.actions.githubusercontent.com`) or the built-in providers `cognito-identity.amazonaws.com`, \
`accounts.google.com`, `graph.facebook.com` and `www.amazon.com`.",
    example_file: "role-trust.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "github.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/my-repo:ref:refs/heads/main"}}}]}"#,
    checks: &[Check::Walk(Walk::Principals)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, p: &PrincipalValue<'_>, acc: &mut Vec<Diagnostic>) {
    let v = p.value.text;
    if idp_of(v).is_none() {
        acc.push(ctx.diag(&RULE, p.value.range(), format!("\"{v}\" is not an identity provider: use arn:aws:iam::ACCOUNT:saml-provider/NAME, arn:aws:iam::ACCOUNT:oidc-provider/HOST, or cognito-identity.amazonaws.com, accounts.google.com, graph.facebook.com, www.amazon.com")));
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
                error[invalid-federated-principal]: "github.com" is not an identity provider: use arn:aws:iam::ACCOUNT:saml-provider/NAME, arn:aws:iam::ACCOUNT:oidc-provider/HOST, or cognito-identity.amazonaws.com, accounts.google.com, graph.facebook.com, www.amazon.com
                 --> role-trust.json:1:88
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "github.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}
                   |                                                                                        ^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
