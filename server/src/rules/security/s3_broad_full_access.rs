//! `s3-broad-full-access`: s3:* granted to a broad principal.

use super::is_everyone;
use super::Allow;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::DocKind;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, NotesTopic, Rule};

pub static RULE: Rule = Rule {
    id: "s3-broad-full-access",
    category: Category::Security,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &[],
    summary: "s3:* granted to a broad principal",
    docs: "`s3:*` (or `*`) for `*` or for accounts outside yours lets them delete objects, change the bucket policy and \
turn off encryption and logging. Grant the read or write actions that are needed.",
    example_file: "b.bucket-policy.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]}"#,
    checks: &[Check::Allow(check)],
    notes_topics: &[NotesTopic::Key("aws:PrincipalOrgID"), NotesTopic::Service("s3")],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// `s3:*` (or `*`) to everyone in a bucket policy.
pub(crate) fn check(ctx: &RuleCtx<'_>, s: &Allow<'_, '_>, acc: &mut Vec<Diagnostic>) {
    if s.kind != DocKind::S3Bucket
        || !s.principals.iter().any(is_everyone)
        || s.narrowed
        || s.is_not
    {
        return;
    }
    if let Some(v) = s
        .actions
        .iter()
        .find(|a| a.text == "*" || a.text.eq_ignore_ascii_case("s3:*"))
    {
        acc.push(ctx.diag(
            &RULE,
            v.range(),
            format!(
                "\"{}\" for everyone lets anyone delete objects and change the bucket's policy",
                v.text
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
                warning[s3-broad-full-access]: "s3:*" for everyone lets anyone delete objects and change the bucket's policy
                 --> b.bucket-policy.json:1:277
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]}
                   |                                                                                                                                                                                                                                                                                     ^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
