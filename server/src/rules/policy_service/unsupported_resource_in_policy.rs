//! `unsupported-resource-in-policy`: A resource ARN of another service than the resource the policy is attached to.

use super::{arn_service, Scope};
use crate::catalog::has_wildcard;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model;
use crate::model::DocKind;
use crate::model::Statement;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "unsupported-resource-in-policy",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["UNSUPPORTED_RESOURCE_ARN_IN_POLICY"],
    parliament: &[],
    summary: "A resource ARN of another service than the resource the policy is attached to",
    docs: "An S3 bucket policy can name only its bucket and the objects in it: an ARN of another service makes S3 reject \
the policy (MalformedPolicy): error. In a KMS key policy the resource is the key itself, written `\"*\"`: an ARN of \
another service makes the statement apply to nothing: warning.",
    example_file: "b.s3.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket/*", "arn:aws:sqs:us-east-1:111122223333:q"]}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket/*"]}, {"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}"#,
    checks: &[Check::Walk(Walk::PolicyService)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// Resources of other services than the policy's own.
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    st: &Statement<'_>,
    scope: &Scope,
    acc: &mut Vec<Diagnostic>,
) {
    let svc = scope.service.as_str();
    for r in model::strings(st.resource) {
        let Some(service) = arn_service(r.text) else {
            continue; // "*" or not an ARN (invalid-arn)
        };
        if has_wildcard(service) || service.contains("${") || service.eq_ignore_ascii_case(svc) {
            continue;
        }
        let message = match ctx.kind.kind {
            DocKind::S3Bucket => format!(
                "an S3 bucket policy can name only its bucket and the objects in it: \"{}\" is not an S3 ARN, so S3 rejects this policy (MalformedPolicy)",
                r.text
            ),
            _ => format!(
                "in a key policy the resource is the key itself (\"*\"): \"{}\" is a {service} ARN, so the statement applies to nothing",
                r.text
            ),
        };
        let mut d = ctx.diag(&RULE, r.range(), message);
        d.severity = scope.severity;
        acc.push(d);
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
                error[unsupported-resource-in-policy]: an S3 bucket policy can name only its bucket and the objects in it: "arn:aws:sqs:us-east-1:111122223333:q" is not an S3 ARN, so S3 rejects this policy (MalformedPolicy)
                 --> b.s3.json:1:156
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket/*", "arn:aws:sqs:us-east-1:111122223333:q"]}]}
                   |                                                                                                                                                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
