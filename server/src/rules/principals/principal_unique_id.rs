//! `principal-unique-id`: A principal given as an IAM unique id.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::PrincipalValue;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "principal-unique-id",
    category: Category::Suspicious,
    severity: Severity::Warning,
    access_analyzer: &["INVALID_ROLE_REFERENCE", "INVALID_USER_REFERENCE"],
    parliament: &[],
    summary: "A principal given as an IAM unique id",
    docs: "AWS shows a unique id (`AROA…`, `AIDA…`) in a policy when the role or user it named was deleted. The policy no \
longer applies to anyone, even if a new role of the same name is created. Replace it with the current ARN.",
    example_file: "b.bucket-policy.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "AROAJQABLZS4A3QDU576Q"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:role/reader"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}, {"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}"#,
    checks: &[Check::Walk(Walk::Principals)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// An AWS principal that is the unique id of a deleted user or role; true when it is.
pub(crate) fn check(ctx: &RuleCtx<'_>, p: &PrincipalValue<'_>, acc: &mut Vec<Diagnostic>) -> bool {
    let v = p.value.text;
    let range = p.value.range();
    // Unique ids of deleted users and roles: AROA…, AIDA…
    if v.len() == 21
        && (v.starts_with("AROA") || v.starts_with("AIDA"))
        && v.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        let what = if v.starts_with("AROA") {
            "role"
        } else {
            "user"
        };
        acc.push(ctx.diag(&RULE, range, format!("\"{v}\" is the unique id of a deleted {what}: the policy no longer applies to anyone; put the current ARN here")));
        return true;
    }
    false
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
                warning[principal-unique-id]: "AROAJQABLZS4A3QDU576Q" is the unique id of a deleted role: the policy no longer applies to anyone; put the current ARN here
                 --> b.bucket-policy.json:1:82
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "AROAJQABLZS4A3QDU576Q"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}
                   |                                                                                  ^^^^^^^^^^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
