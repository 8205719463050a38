//! `principal-not-allowed`: Principal or NotPrincipal where this kind of policy does not allow it.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::DocKind;
use crate::model::PrincipalValue;
use crate::model::Statement;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "principal-not-allowed",
    category: Category::Structure,
    severity: Severity::Error,
    access_analyzer: &["UNSUPPORTED_PRINCIPAL", "SCP_SYNTAX_ERROR_PRINCIPAL", "ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", "FEDERATED_PRINCIPAL_NOT_SUPPORTED"],
    parliament: &["MALFORMED"],
    summary: "Principal or NotPrincipal where this kind of policy does not allow it",
    docs: "Identity policies and SCPs apply to the identities they are attached to, so they cannot name a `Principal`; \
AWS rejects them. Role trust policies cannot use `NotPrincipal`. If this file is really a resource-based policy, \
rename it (for example `*.bucket-policy.json`) or set its kind in `policy-lsp.toml`.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123def4"}}}]}"#,
    checks: &[Check::Statement(check), Check::Walk(Walk::Principals)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    let kind = ctx.kind.kind;
    match kind {
        DocKind::Trust => {
            if let Some(np) = st.not_principal {
                acc.push(ctx.diag(&RULE, np.key.range, "a role trust policy cannot use \"NotPrincipal\": name the principals that may assume the role".to_string()));
            }
        }
        DocKind::Identity | DocKind::Scp => {
            for m in [st.principal, st.not_principal].into_iter().flatten() {
                let what = if kind == DocKind::Scp {
                    "an SCP"
                } else {
                    "an identity policy"
                };
                acc.push(ctx.diag(&RULE, m.key.range, format!("{what} cannot have \"{}\": it applies to the identities it is attached to ({})", m.key.text, ctx.kind.reason)));
            }
        }
        _ => {}
    }
}

/// A Federated principal in a policy that is not a role trust policy.
pub(crate) fn check_federated(
    ctx: &RuleCtx<'_>,
    p: &PrincipalValue<'_>,
    acc: &mut Vec<Diagnostic>,
) {
    if matches!(
        ctx.kind.kind,
        DocKind::S3Bucket | DocKind::KmsKey | DocKind::Resource
    ) {
        acc.push(ctx.diag(&RULE, p.kind_range, format!("Federated principals are only supported in role trust policies, not in {}: federated users act through a role, so name that role here", ctx.kind.kind.title())));
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
                error[principal-not-allowed]: an identity policy cannot have "Principal": it applies to the identities it is attached to (the file name ends in `.iam.json`)
                 --> a.iam.json:1:61
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}
                   |                                                             ^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
