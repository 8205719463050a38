//! `missing-principal`: A resource-based policy statement has no Principal.

use super::first_char;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::Statement;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "missing-principal",
    category: Category::Structure,
    severity: Severity::Error,
    access_analyzer: &["MISSING_PRINCIPAL"],
    parliament: &["MALFORMED"],
    summary: "A resource-based policy statement has no Principal",
    docs: "Resource-based policies (trust, key, bucket and other resource policies) must say who the statement applies to \
with `Principal` (or `NotPrincipal`).",
    example_file: "b.s3.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}, {"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}"#,
    checks: &[Check::Statement(check)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    if ctx.kind.kind.is_resource_policy() && st.principal.is_none() && st.not_principal.is_none() {
        acc.push(ctx.diag(
            &RULE,
            first_char(st.node),
            format!(
                "{} has no \"Principal\": {} must say whom it applies to",
                st.label(),
                ctx.kind.kind.title_with_article()
            ),
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
                error[missing-principal]: statement #1 has no "Principal": an S3 bucket policy must say whom it applies to
                 --> b.s3.json:1:41
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}
                   |                                         ^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
