//! `public-access`: A resource policy grants access to everyone.

use super::is_everyone;
use super::Allow;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::DocKind;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, NotesTopic, Rule};

pub static RULE: Rule = Rule {
    id: "public-access",
    category: Category::Security,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &[],
    summary: "A resource policy grants access to everyone",
    docs: "`\"Principal\": \"*\"` (or `{\"AWS\": \"*\"}`) with `Allow` and no condition that narrows who can call \
(`aws:PrincipalOrgID`, `aws:PrincipalAccount`, `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceVpce`, `aws:SourceIp`, …) \
makes the resource public: anyone on the internet for S3, SNS or SQS, every AWS account for KMS keys and roles. \
Name the principals, or add a condition such as `aws:PrincipalOrgID`. Principals of accounts listed in \
`[governance] trusted-accounts` are not considered broad.",
    example_file: "b.bucket-policy.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123def4"}}}]}"#,
    checks: &[Check::Allow(check)],
    notes_topics: &[NotesTopic::Key("aws:PrincipalOrgID"), NotesTopic::Service("s3")],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// `"*"` (or `{"AWS": "*"}`) in a resource policy's Allow without a narrowing condition.
pub(crate) fn check(ctx: &RuleCtx<'_>, s: &Allow<'_, '_>, acc: &mut Vec<Diagnostic>) {
    let kind = s.kind;
    if !kind.is_resource_policy() || s.st.principal.is_none() || s.narrowed {
        return;
    }
    let Some(p) = s.principals.iter().find(|p| is_everyone(p)) else {
        return;
    };
    let msg = match kind {
        DocKind::KmsKey => "every AWS principal may use this key (KMS never serves anonymous requests, so \"*\" means any AWS account): name the principals or add a condition such as kms:CallerAccount or aws:PrincipalOrgID".to_string(),
        DocKind::Trust => "any AWS principal may assume this role: name the principals or add a condition such as aws:PrincipalOrgID".to_string(),
        _ => format!("{} allows everyone, anonymous users included: name the principals or add a condition such as aws:PrincipalOrgID, aws:SourceArn or aws:SourceVpce", s.st.label()),
    };
    acc.push(ctx.diag(&RULE, p.value.range(), msg));
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
                warning[public-access]: statement #2 allows everyone, anonymous users included: name the principals or add a condition such as aws:PrincipalOrgID, aws:SourceArn or aws:SourceVpce
                 --> b.bucket-policy.json:1:253
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}, {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}
                   |                                                                                                                                                                                                                                                             ^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
