//! `invalid-arn`: A resource is not a well-formed ARN.

use crate::diagnostic::Severity;
use crate::rules::{Category, Rule};

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
    notes_topics: &[],
    fix: None,
    build_fix: None,
};

#[cfg(test)]
mod tests {
    use crate::rules::tests_util::{check_clean, check_hit};
    use expect_test::expect;

    #[test]
    fn hit() {
        check_hit(
            &super::RULE,
            expect![[r#"
            invalid-arn error 98..121 "\"arn:aws:s3:bucket/key\"": "arn:aws:s3:bucket/key" has 4 of the 6 ARN fields: arn:partition:service:region:account:resource
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
