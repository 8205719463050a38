//! `invalid-effect`: Effect is not "Allow" or "Deny".

use crate::diagnostic::Severity;
use crate::rules::{Applicability, Category, Rule};

pub static RULE: Rule = Rule {
    id: "invalid-effect",
    category: Category::Structure,
    severity: Severity::Error,
    access_analyzer: &["INVALID_EFFECT"],
    parliament: &["MALFORMED"],
    summary: "Effect is not \"Allow\" or \"Deny\"",
    docs: "`Effect` must be exactly `\"Allow\"` or `\"Deny\"`, capitalized as shown. AWS rejects other values, including \
`\"allow\"`.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": {"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}}"#,
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
            invalid-effect error 50..57 "\"allow\"": Effect must be "Allow" or "Deny", not "allow"
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
