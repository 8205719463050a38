//! `resource-mismatch`: No resource of the statement fits an action's resource types.

use crate::diagnostic::Severity;
use crate::rules::{Applicability, Category, Rule};

pub static RULE: Rule = Rule {
    id: "resource-mismatch",
    category: Category::Correctness,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &["RESOURCE_MISMATCH"],
    summary: "No resource of the statement fits an action's resource types",
    docs: "Each action applies to specific resource types: `s3:GetObject` to objects (`arn:aws:s3:::bucket/*`), \
`s3:ListBucket` to buckets (`arn:aws:s3:::bucket`). When none of the statement's resources is of a type the action \
accepts, the action is granted on nothing (in a Deny: the Deny matches nothing for it). The message names the \
resource types the action needs; split the statement or add the right ARN. In an S3 bucket policy this is an error: \
S3 rejects the policy (MalformedPolicy, \"Action does not apply to any resource(s) in statement\").",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": ["arn:aws:s3:::bucket", "arn:aws:s3:::bucket/*"]}]}"#,
    notes_topics: &[],
    fix: Some(Applicability::Unsafe),
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
            resource-mismatch warning 70..84 "\"s3:GetObject\"": s3:GetObject applies to accesspointobject (arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}) or object (arn:${Partition}:s3:::${BucketName}/${ObjectName}); none of the statement's resources is one, so it is granted on nothing
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
