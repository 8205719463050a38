//! `duplicate-statement`: Two statements are identical apart from their Sid.

use crate::diagnostic::Severity;
use crate::rules::{Category, Rule};

pub static RULE: Rule = Rule {
    id: "duplicate-statement",
    category: Category::Suspicious,
    severity: Severity::Info,
    access_analyzer: &["REDUNDANT_STATEMENT"],
    parliament: &[],
    summary: "Two statements are identical apart from their Sid",
    docs: "A statement that repeats another one adds nothing and makes later edits error-prone: a change to one copy \
leaves the other in force. Remove one of them.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": "B", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}, {"Sid": "B", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}]}"#,
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
            duplicate-statement info 116..117 "{": statement "B" repeats the statement on line 1: remove one of them
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
