//! `s3-public-read-with-kms`: Public read of objects that must be SSE-KMS encrypted.

use super::{covered, enforced_encryption, has_narrowing_condition, is_everyone};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::DocKind;
use crate::model::Effect;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, NotesTopic, Rule};

pub static RULE: Rule = Rule {
    id: "s3-public-read-with-kms",
    category: Category::Suspicious,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &[],
    summary: "Public read of objects that must be SSE-KMS encrypted",
    docs: "KMS never serves anonymous requests, so objects encrypted with SSE-KMS cannot be read by anonymous users: a \
public-read statement combined with required SSE-KMS encryption does not work. Serve public content with SSE-S3 \
(`AES256`) or through CloudFront with origin access control.",
    example_file: "b.bucket-policy.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}}, {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "AES256"}}}, {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}]}"#,
    checks: &[Check::Document(check)],
    notes_topics: &[NotesTopic::Key("s3:x-amz-server-side-encryption"), NotesTopic::Service("kms")],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// A public read in a bucket whose objects must be SSE-KMS encrypted.
pub(crate) fn check(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(policy) = ctx.policy else { return };
    if ctx.kind.kind != DocKind::S3Bucket {
        return;
    }
    let kms_required = enforced_encryption(policy)
        .iter()
        .any(|e| e.starts_with("aws:kms"))
        || ctx
            .config
            .governance
            .s3_required_encryption
            .as_deref()
            .is_some_and(|e| e.starts_with("aws:kms"));
    if !kms_required {
        return;
    }
    for st in &policy.statements {
        if st.effect() == Some(Effect::Allow)
            && st.principals().iter().any(is_everyone)
            && !has_narrowing_condition(st)
            && !covered(st, &["s3:GetObject"]).is_empty()
        {
            if let Some(m) = st.principal {
                acc.push(ctx.diag(&RULE, m.key.range, "objects must be SSE-KMS encrypted, but anonymous readers can never decrypt KMS-encrypted objects: this public read cannot work".to_string()));
            }
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
                warning[s3-public-read-with-kms]: objects must be SSE-KMS encrypted, but anonymous readers can never decrypt KMS-encrypted objects: this public read cannot work
                 --> b.bucket-policy.json:1:418
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}}, {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}
                   |                                                                                                                                                                                                                                                                                                                                                                                                                                  ^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
