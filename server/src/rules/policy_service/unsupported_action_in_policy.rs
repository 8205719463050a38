//! `unsupported-action-in-policy`: An action of another service than the resource the policy is attached to.

use super::Scope;
use crate::catalog::has_wildcard;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model;
use crate::model::DocKind;
use crate::model::Statement;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "unsupported-action-in-policy",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["UNSUPPORTED_ACTION_IN_POLICY"],
    parliament: &[],
    summary: "An action of another service than the resource the policy is attached to",
    docs: "A resource-based policy is attached to one resource and can grant only that resource's service's actions. \
In an S3 bucket policy any other action makes S3 reject the whole policy (MalformedPolicy): error. In a KMS key \
policy only `kms:` actions mean anything; KMS accepts the others but they grant nothing: warning. In another \
resource policy whose resource ARNs all belong to one service whose policies cover only its own resources (SNS \
topics, SQS queues, Lambda functions, Secrets Manager secrets, ...), Access Analyzer reports the foreign action as an \
error. Grant the action in an identity policy or in the policy of the resource it belongs to.",
    example_file: "b.s3.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "sqs:SendMessage"], "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": ["s3:GetObject", "s3:GetObjectVersion"], "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}, {"Sid": "TLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::amzn-s3-demo-bucket", "arn:aws:s3:::amzn-s3-demo-bucket/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}"#,
    checks: &[Check::Walk(Walk::PolicyService)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// Actions of other services than the policy's resource.
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    st: &Statement<'_>,
    scope: &Scope,
    acc: &mut Vec<Diagnostic>,
) {
    let svc = scope.service.as_str();
    // Actions: `*` is every action of the resource's service; NotAction lists what
    // is excluded, so foreign names there change nothing.
    for a in model::strings(st.action) {
        if a.text == "*" {
            continue;
        }
        let Some((prefix, _)) = crate::catalog::split_colon(a.text) else {
            continue; // malformed-action
        };
        if has_wildcard(prefix) || prefix.eq_ignore_ascii_case(svc) {
            continue;
        }
        let message = match ctx.kind.kind {
            DocKind::S3Bucket => format!(
                "an S3 bucket policy accepts only s3: actions: S3 rejects this policy (MalformedPolicy) because of \"{}\"; grant it in an identity policy or in the {} resource's own policy",
                a.text,
                prefix.to_ascii_lowercase()
            ),
            DocKind::KmsKey => format!(
                "a key policy controls only this KMS key, so \"{}\" is accepted but grants nothing here: use kms: actions, and grant {} access in an identity policy or the {} resource's policy",
                a.text,
                prefix.to_ascii_lowercase(),
                prefix.to_ascii_lowercase()
            ),
            _ => format!(
                "every resource ARN of this policy is of {svc}, so it is {svc}'s resource policy and can grant only {svc}: actions: \"{}\" is not supported here; grant it in an identity policy or the {} resource's own policy",
                a.text,
                prefix.to_ascii_lowercase()
            ),
        };
        let mut d = ctx.diag(&RULE, a.range(), message);
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
                error[unsupported-action-in-policy]: an S3 bucket policy accepts only s3: actions: S3 rejects this policy (MalformedPolicy) because of "sqs:SendMessage"; grant it in an identity policy or in the sqs resource's own policy
                 --> b.s3.json:1:106
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "sqs:SendMessage"], "Resource": "arn:aws:s3:::amzn-s3-demo-bucket/*"}]}
                   |                                                                                                          ^^^^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
