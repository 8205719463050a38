//! `kind-name-mismatch`: The file name suggests a resource-based policy, but the content is an identity policy.

use super::first_char;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "kind-name-mismatch",
    category: Category::Suspicious,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &[],
    summary: "The file name suggests a resource-based policy, but the content is an identity policy",
    docs: "A file whose name contains `bucket-policy`, `trust`, `key-policy` or `resource-policy` is checked as that kind \
of policy, unless every statement has `Action` and `Resource` and none has a `Principal`: then it is checked as an \
identity policy, because a resource-based policy without any `Principal` cannot be deployed while an identity \
policy about bucket or trust policies (AWS ships several, such as `AWSOrganizationsServiceTrustPolicy`) is common. \
If the file really is a resource-based policy, add the missing `Principal` to each statement. If it is an identity \
policy, name it `*.iam.json` or set its kind in `policy-lsp.toml`, and the warning goes away.",
    example_file: "b.bucket-policy.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}, {"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}"#,
    checks: &[Check::Document(check)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// The file name implied a resource-based kind, but the content reads as an identity
/// policy (see [`model::detect_kind`]): say which was chosen and how to settle it.
pub(crate) fn check(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let (Some(policy), crate::model::KindSource::ContentOverName(named)) =
        (ctx.policy, ctx.kind.source)
    else {
        return;
    };
    let at = policy
        .statement
        .map_or_else(|| first_char(policy.root), |m| m.key.range);
    acc.push(ctx.diag(
        &RULE,
        at,
        format!(
            "the file name suggests {} but no statement has a \"Principal\", so this is checked as an IAM identity policy: if it is {}, add a \"Principal\" to every statement; if not, name the file *.iam.json or set its kind in policy-lsp.toml",
            named.title_with_article(),
            named.title_with_article(),
        ),
    ));
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
                warning[kind-name-mismatch]: the file name suggests an S3 bucket policy but no statement has a "Principal", so this is checked as an IAM identity policy: if it is an S3 bucket policy, add a "Principal" to every statement; if not, name the file *.iam.json or set its kind in policy-lsp.toml
                 --> b.bucket-policy.json:1:27
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}
                   |                           ^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
