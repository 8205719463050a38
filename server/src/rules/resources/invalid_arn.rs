//! `invalid-arn`: A resource is not a well-formed ARN.

use super::{is_open, PARTITIONS};
use crate::catalog::has_wildcard;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::StrValue;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "invalid-arn",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["INVALID_ARN_PREFIX", "MISSING_ARN_FIELD", "INVALID_ARN_SERVICE_CASE", "INVALID_PARTITION", "INVALID_ARN_RESOURCE"],
    parliament: &["INVALID_ARN"],
    summary: "A resource is not a well-formed ARN",
    docs: "Resources are `\"*\"` or ARNs of the form `arn:partition:service:region:account-id:resource`, with the partition \
`aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`, `aws-iso-e`, `aws-iso-f` or `aws-eusc`, a lowercase service \
prefix and a resource part. A malformed ARN never matches, so the statement does not do what it says.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:bucket/key"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/key"}]}"#,
    checks: &[Check::Walk(Walk::Resources)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// The fields of a resource ARN of good shape; `None` when it is not one (reported
/// unless it is `*` or starts with a wildcard or a variable).
pub(crate) fn check<'a>(
    ctx: &RuleCtx<'_>,
    v: &StrValue<'a>,
    acc: &mut Vec<Diagnostic>,
) -> Option<Vec<&'a str>> {
    let text = v.text;
    if text == "*" {
        return None;
    }
    let range = v.range();
    if !text.starts_with("arn:") {
        if text.starts_with("${") || text.starts_with('*') {
            return None;
        }
        let hint = if text.contains(':') || text.contains('/') {
            ""
        } else {
            " (for all resources use \"*\")"
        };
        acc.push(ctx.diag(&RULE, range, format!("\"{text}\" is not an ARN: resources are \"*\" or arn:partition:service:region:account:resource{hint}")));
        return None;
    }
    let fields: Vec<&str> = text.splitn(6, ':').collect();
    if fields.len() < 6 {
        // A wildcard may stand for the missing fields (`arn:aws:s3:*`).
        if !fields
            .last()
            .is_some_and(|f| has_wildcard(f) && !f.contains('/'))
        {
            acc.push(ctx.diag(&RULE, range, format!("\"{text}\" has {} of the 6 ARN fields: arn:partition:service:region:account:resource", fields.len())));
        }
        return None;
    }
    // The resource part (fields[5]) may be empty: AWS accepts `arn:aws:organizations::*:`.
    let (partition, service) = (fields[1], fields[2]);
    if !is_open(partition) && !PARTITIONS.contains(&partition) {
        acc.push(ctx.diag(&RULE, range, format!("\"{partition}\" is not an AWS partition: use aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f or aws-eusc")));
        return None;
    }
    if service.is_empty() {
        acc.push(ctx.diag(&RULE, range, "the ARN's service field is empty".to_string()));
        return None;
    }
    if service.chars().any(|c| c.is_ascii_uppercase()) {
        acc.push(ctx.diag(
            &RULE,
            range,
            format!(
                "the service in an ARN is lowercase: \"{}\"",
                service.to_ascii_lowercase()
            ),
        ));
        return None;
    }
    Some(fields)
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
                error[invalid-arn]: "arn:aws:s3:bucket/key" has 4 of the 6 ARN fields: arn:partition:service:region:account:resource
                 --> a.iam.json:1:99
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:bucket/key"}]}
                   |                                                                                                   ^^^^^^^^^^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
