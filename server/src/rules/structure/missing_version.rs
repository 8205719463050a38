//! `missing-version`: The policy has no Version element.

use crate::diagnostic::Severity;
use crate::rules::{Applicability, Category, Rule};

pub static RULE: Rule = Rule {
    id: "missing-version",
    category: Category::Structure,
    severity: Severity::Warning,
    access_analyzer: &["MISSING_VERSION"],
    parliament: &["NO_VERSION"],
    summary: "The policy has no Version element",
    docs: "Without `\"Version\": \"2012-10-17\"` IAM reads the policy with the 2008 grammar, where policy variables such as \
`${aws:username}` are plain text. Add `\"Version\": \"2012-10-17\"` as the first element.",
    example_file: "a.iam.json",
    avoid: r#"{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
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
            missing-version warning 0..1 "{": the policy has no "Version": add "Version": "2012-10-17", or policy variables are read as plain text
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
