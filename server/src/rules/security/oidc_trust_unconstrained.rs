//! `oidc-trust-unconstrained`: A web-identity trust that does not restrict which tokens may assume the role.

use crate::diagnostic::Severity;
use crate::rules::{Category, NotesTopic, Rule};

pub static RULE: Rule = Rule {
    id: "oidc-trust-unconstrained",
    category: Category::Security,
    severity: Severity::Warning,
    access_analyzer: &["MISSING_CONDITION_KEY_FOR_OIDC_PRINCIPAL", "MISSING_GITHUB_REPO_CONDITION_KEY", "SPECIFIC_GITHUB_REPO_AND_BRANCH_RECOMMENDED"],
    parliament: &[],
    summary: "A web-identity trust that does not restrict which tokens may assume the role",
    docs: "A trust policy for an OIDC provider must check the token's claims: for GitHub Actions \
`token.actions.githubusercontent.com:sub` (which repository and branch or environment) and `:aud` \
(`sts.amazonaws.com`); for other providers at least the audience (`…:aud`). Without them, any repository on GitHub, \
or any application of the provider, can assume the role. With `[governance] github-allowed`, `sub` values must \
name those owners or repositories.",
    example_file: "gh-trust.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:*"}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:my-org/app:ref:refs/heads/main"}}}]}"#,
    notes_topics: &[NotesTopic::Key("token.actions.githubusercontent.com:sub")],
    fix: None,
};

#[cfg(test)]
mod tests {
    use crate::rules::tests_util::{check_clean, check_hit};
    use expect_test::expect;

    #[test]
    fn hit() {
        check_hit(
            &super::RULE,
            expect![[r#"
            oidc-trust-unconstrained warning 364..372 "\"repo:*\"": "repo:*" lets any GitHub repository assume this role: name the owner and repository (repo:OWNER/REPO:…)
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
