//! `s3-missing-required-encryption`: The bucket policy does not enforce the encryption your config requires.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::DocKind;
use crate::model::Effect;
use crate::rules::security::enforced_encryption;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, NotesTopic, Rule};

pub static RULE: Rule = Rule {
    id: "s3-missing-required-encryption",
    category: Category::Governance,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &[],
    summary: "The bucket policy does not enforce the encryption your config requires",
    docs: "With `[governance] s3-required-encryption` set (`AES256` for SSE-S3, `aws:kms` for SSE-KMS, `aws:kms:dsse` for \
DSSE-KMS), every bucket policy must deny `s3:PutObject` unless `s3:x-amz-server-side-encryption` is that value \
(and, with `s3-required-kms-keys`, unless `s3:x-amz-server-side-encryption-aws-kms-key-id` is one of those keys).",
    example_file: "b.bucket-policy.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "AES256"}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}}]}"#,
    checks: &[Check::Document(check)],
    notes_topics: &[NotesTopic::Key("s3:x-amz-server-side-encryption"), NotesTopic::Service("kms")],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// A bucket policy that does not enforce `[governance] s3-required-encryption`.
pub(crate) fn check(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some((policy, anchor)) = crate::rules::security::document_anchor(ctx) else {
        return;
    };
    if ctx.kind.kind != DocKind::S3Bucket {
        return;
    }
    let Some(required) = &ctx.config.governance.s3_required_encryption else {
        return;
    };
    if !enforced_encryption(policy)
        .iter()
        .any(|e| e.eq_ignore_ascii_case(required))
    {
        acc.push(ctx.diag(&RULE, anchor, format!("no statement denies s3:PutObject unless s3:x-amz-server-side-encryption is \"{required}\", as [governance] s3-required-encryption requires")));
    }
    let keys = &ctx.config.governance.s3_required_kms_keys;
    if !keys.is_empty()
        && !policy.statements.iter().any(|st| {
            st.effect() == Some(Effect::Deny)
                && st.conditions().iter().any(|c| {
                    c.key
                        .key
                        .text
                        .eq_ignore_ascii_case("s3:x-amz-server-side-encryption-aws-kms-key-id")
                })
        })
    {
        acc.push(ctx.diag(&RULE, anchor, format!("no statement denies s3:PutObject unless s3:x-amz-server-side-encryption-aws-kms-key-id is one of {}", keys.join(", "))));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::analyze;
    use crate::config::Config;
    use crate::rules::tests_util::{check_clean, check_hit};
    use expect_test::expect;

    #[test]
    fn hit() {
        check_hit(
            &super::RULE,
            expect![[r#"
                warning[s3-missing-required-encryption]: no statement denies s3:PutObject unless s3:x-amz-server-side-encryption is "aws:kms", as [governance] s3-required-encryption requires
                 --> b.bucket-policy.json:1:27
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "AES256"}}}]}
                   |                           ^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }

    #[test]
    fn silent_without_the_setting() {
        let a = analyze(
            super::RULE.avoid,
            Some(super::RULE.example_file),
            &Config::new(),
        );
        assert!(!a.diagnostics.iter().any(|d| d.rule == super::RULE.id));
    }
}
