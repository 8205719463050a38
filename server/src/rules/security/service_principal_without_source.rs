//! `service-principal-without-source`: A service principal without aws:SourceArn or aws:SourceAccount.

use super::Allow;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::DocKind;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "service-principal-without-source",
    category: Category::Security,
    severity: Severity::Warning,
    access_analyzer: &["RESTRICT_ACCESS_TO_SERVICE_PRINCIPAL"],
    parliament: &[],
    summary: "A service principal without aws:SourceArn or aws:SourceAccount",
    docs: "When a resource policy lets an AWS service (`sns.amazonaws.com`, `cloudtrail.amazonaws.com`, …) act on your \
resource, any customer's use of that service could reach it (the confused-deputy problem). Add \
`aws:SourceArn` or `aws:SourceAccount` (or `aws:SourceOrgID`) conditions naming your resources.",
    example_file: "topic-resource-policy.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:111122223333:t"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:111122223333:t", "Condition": {"ArnLike": {"aws:SourceArn": "arn:aws:s3:::b"}}}]}"#,
    checks: &[Check::Allow(check)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// Service principals in resource policies without a source condition.
pub(crate) fn check(ctx: &RuleCtx<'_>, s: &Allow<'_, '_>, acc: &mut Vec<Diagnostic>) {
    if !matches!(
        s.kind,
        DocKind::Resource | DocKind::S3Bucket | DocKind::KmsKey
    ) || s.narrowed
    {
        return;
    }
    let has_ctx = s.st.conditions().iter().any(|c| {
        c.key
            .key
            .text
            .to_ascii_lowercase()
            .starts_with("kms:encryptioncontext")
    });
    if let (Some(p), false) = (s.principals.iter().find(|p| p.kind == "Service"), has_ctx) {
        acc.push(ctx.diag(&RULE, p.value.range(), format!("\"{}\" may act for any AWS customer's resources here (confused deputy): add aws:SourceArn or aws:SourceAccount", p.value.text)));
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
                warning[service-principal-without-source]: "s3.amazonaws.com" may act for any AWS customer's resources here (confused deputy): add aws:SourceArn or aws:SourceAccount
                 --> topic-resource-policy.json:1:86
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "s3.amazonaws.com"}, "Action": "sns:Publish", "Resource": "arn:aws:sns:us-east-1:111122223333:t"}]}
                   |                                                                                      ^^^^^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
