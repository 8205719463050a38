//! `invalid-condition-value`: A condition value that the operator cannot use.

use crate::diagnostic::Severity;
use crate::rules::{Applicability, Category, Rule};

pub static RULE: Rule = Rule {
    id: "invalid-condition-value",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["TYPE_MISMATCH_BOOLEAN", "TYPE_MISMATCH_DATE", "TYPE_MISMATCH_IP_RANGE", "TYPE_MISMATCH_NUMBER", "TYPE_MISMATCH_STRING", "INVALID_DATE_VALUE", "INVALID_CONDITION_MULTIPLE_BOOLEAN", "INVALID_CONDITION_DATA_TYPE", "INVALID_REGION", "INVALID_VPC_FORMAT", "INVALID_VPCE_FORMAT", "IMPROVE_IP_RANGE"],
    parliament: &["MISMATCHED_TYPE_OPERATION_TO_NULL"],
    summary: "A condition value that the operator cannot use",
    docs: "Values must fit the operator: `true`/`false` for `Bool` and `Null`, numbers for `Numeric*`, ISO 8601 dates or \
epoch seconds for `Date*`, IPv4/IPv6 addresses or CIDR blocks for `IpAddress`, base64 for `BinaryEquals`, real \
Region names for `aws:RequestedRegion`, `vpc-…` and `vpce-…` ids for the VPC keys. A value that cannot be parsed never \
matches.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "no"}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}, "DateGreaterThan": {"aws:CurrentTime": "2026-01-31T12:00:00Z"}, "NumericLessThan": {"aws:MultiFactorAuthAge": 3600}}}]}"#,
    notes_topics: &[],
    fix: Some(Applicability::Safe),
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
            invalid-condition-value error 140..144 "\"no\"": Bool takes "true" or "false", not "no"
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
