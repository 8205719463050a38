//! `duplicate-key`: The same key appears twice in one JSON object.

use crate::diagnostic::Severity;
use crate::rules::{Category, Rule};

pub static RULE: Rule = Rule {
    id: "duplicate-key",
    category: Category::Syntax,
    severity: Severity::Error,
    access_analyzer: &["DUPLICATE_KEYS_WITH_DIFFERENT_CASE"],
    parliament: &[],
    summary: "The same key appears twice in one JSON object",
    docs: "When an object repeats a key (two `\"Condition\"` blocks, two `\"StringEquals\"` operators, the same condition key \
twice), parsers keep only one of them, so part of what you wrote is silently dropped. Condition keys that differ only \
in case are also duplicates, because IAM compares key names case-insensitively. Merge the two entries into one.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Action": "s3:PutObject", "Resource": "*"}}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "*"}}"#,
    notes_topics: &[],
    fix: None,
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
            duplicate-key error 85..93 "\"Action\"": "Action" is already set on line 1: only one of them takes effect, merge them
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
