//! `operator-type-mismatch`: The operator's type does not fit the condition key's type.

use crate::diagnostic::Severity;
use crate::rules::{Applicability, Category, Rule};

pub static RULE: Rule = Rule {
    id: "operator-type-mismatch",
    category: Category::Correctness,
    severity: Severity::Warning,
    access_analyzer: &["TYPE_MISMATCH"],
    parliament: &["MISMATCHED_TYPE", "MISMATCHED_TYPE_BUT_USABLE"],
    summary: "The operator's type does not fit the condition key's type",
    docs: "Each key has a type (String, ARN, Numeric, Date, Bool, IPAddress, Binary) and should be compared with the \
matching operator family: `NumericLessThan` on `s3:max-keys`, `Bool` on `aws:SecureTransport`, `IpAddress` on \
`aws:SourceIp`, `ArnLike` on `aws:SourceArn`. A mismatched family compares text where numbers or addresses are \
meant, or fails to match at all. (String operators on ARN keys work and are reported as a hint.)",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceIp": "203.0.113.7"}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.7"}}}]}"#,
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
            operator-type-mismatch warning 134..148 "\"aws:SourceIp\"": "aws:SourceIp" is of type IPAddress but "StringEquals" compares String values: use IpAddress / NotIpAddress operators
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
