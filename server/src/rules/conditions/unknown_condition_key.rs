//! `unknown-condition-key`: A condition key that the service or AWS does not define.

use crate::diagnostic::Severity;
use crate::rules::{Applicability, Category, Rule};

pub static RULE: Rule = Rule {
    id: "unknown-condition-key",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["INVALID_GLOBAL_CONDITION_KEY", "INVALID_SERVICE_CONDITION_KEY", "INVALID_CONDITION_KEY_FORMAT", "MISSING_TAG_KEY_IN_CONDITION"],
    parliament: &[],
    summary: "A condition key that the service or AWS does not define",
    docs: "A condition on a key that no request ever carries is never true (or always true with `IfExists` and the `Not` \
operators). Keys are `service:Name` (`aws:` for global keys); tag keys take the tag name after a slash \
(`aws:RequestTag/Project`). An `aws:` key that is not a documented global key is an error, as in Access Analyzer \
(the quick fix offers the documented key it extends or resembles: `aws:SourceIpAddress` -> `aws:SourceIp`). An \
unknown service key is an error when it is a likely typo of a known key and a warning otherwise, since the service \
may have added it after the catalog's date, which the message gives. Keys of OIDC and SAML providers \
(`token.actions.githubusercontent.com:sub`) are accepted.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIps": "203.0.113.0/24"}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}, "StringEquals": {"aws:ResourceTag/team": "data", "gitlab.com:sub": "x"}}}]}"#,
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
            unknown-condition-key error 131..146 "\"aws:SourceIps\"": "aws:SourceIps" is not a global condition key: did you mean "aws:SourceIp"?
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
