//! `oidc-trust-unconstrained`: A web-identity trust that does not restrict which tokens may assume the role.

use super::Allow;
use crate::catalog::has_wildcard;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::{self, DocKind};
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, NotesTopic, Rule};

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
    checks: &[Check::Allow(check)],
    notes_topics: &[NotesTopic::Key("token.actions.githubusercontent.com:sub")],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// Web-identity trusts whose token claims are not checked.
pub(crate) fn check(ctx: &RuleCtx<'_>, s: &Allow<'_, '_>, acc: &mut Vec<Diagnostic>) {
    if s.kind != DocKind::Trust {
        return;
    }
    let (st, principals) = (s.st, &s.principals);
    for p in principals.iter().filter(|p| p.kind == "Federated") {
        let v = p.value.text;
        let provider = if let Some(i) = v.find(":oidc-provider/") {
            v[i + ":oidc-provider/".len()..].to_string()
        } else if v == "cognito-identity.amazonaws.com"
            || v == "accounts.google.com"
            || v == "graph.facebook.com"
            || v == "www.amazon.com"
        {
            v.to_string()
        } else {
            continue;
        };
        let conds = st.conditions();
        let lower = provider.to_ascii_lowercase();
        let for_provider: Vec<_> = conds
            .iter()
            .filter(|c| {
                c.key
                    .key
                    .text
                    .to_ascii_lowercase()
                    .starts_with(&format!("{lower}:"))
            })
            .collect();
        if lower == "token.actions.githubusercontent.com" {
            let sub = for_provider
                .iter()
                .find(|c| c.key.key.text.to_ascii_lowercase().ends_with(":sub"));
            match sub {
                None => acc.push(ctx.diag(&RULE, p.value.range(), "no condition on token.actions.githubusercontent.com:sub: every GitHub repository can assume this role; add StringLike sub = \"repo:OWNER/REPO:ref:refs/heads/BRANCH\"".to_string())),
                Some(c) => {
                    for n in &c.values {
                        let Some(s) = model::scalar_text(n) else { continue };
                        let lower_s = s.to_ascii_lowercase();
                        let owner_repo = lower_s.strip_prefix("repo:").unwrap_or("").split(':').next().unwrap_or("");
                        let open = s == "*" || lower_s == "repo:*" || owner_repo.starts_with('*') || owner_repo.is_empty();
                        if open {
                            acc.push(ctx.diag(&RULE, n.range, format!("\"{s}\" lets any GitHub repository assume this role: name the owner and repository (repo:OWNER/REPO:…)")));
                        } else if has_wildcard(owner_repo) || s.ends_with(":*") {
                            let mut d = ctx.diag(&RULE, n.range, format!("\"{s}\" matches several repositories or every branch: prefer one repository and branch or environment"));
                            d.severity = crate::diagnostic::Severity::Info;
                            acc.push(d);
                        }
                        let allowed = &ctx.config.governance.github_allowed;
                        if !allowed.is_empty() && !open && !allowed.iter().any(|a| {
                            let a = a.to_ascii_lowercase();
                            owner_repo == a || owner_repo.starts_with(&format!("{a}/"))
                        }) {
                            acc.push(ctx.diag(&RULE, n.range, format!("\"{s}\" names a repository outside [governance] github-allowed ({})", allowed.join(", "))));
                        }
                    }
                }
            }
        } else if !for_provider.iter().any(|c| {
            let k = c.key.key.text.to_ascii_lowercase();
            k.ends_with(":aud")
                || k.ends_with(":sub")
                || k.ends_with(":app_id")
                || k.ends_with(":oaud")
        }) {
            acc.push(ctx.diag(&RULE, p.value.range(), format!("no condition on the tokens of {provider} (such as {provider}:aud): any application of this provider can assume the role")));
        }
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
                warning[oidc-trust-unconstrained]: "repo:*" lets any GitHub repository assume this role: name the owner and repository (repo:OWNER/REPO:…)
                 --> gh-trust.json:1:365
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com"}, "StringLike": {"token.actions.githubusercontent.com:sub": "repo:*"}}}]}
                   |                                                                                                                                                                                                                                                                                                                                                                             ^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
