//! `condition-key-not-supported`: A service condition key that none of the statement's actions supports.

use crate::diagnostic::Severity;
use crate::rules::{Category, Rule};

pub static RULE: Rule = Rule {
    id: "condition-key-not-supported",
    category: Category::Correctness,
    severity: Severity::Warning,
    access_analyzer: &["UNSUPPORTED_ACTION_FOR_CONDITION_KEY"],
    parliament: &["UNKNOWN_CONDITION_FOR_ACTION"],
    summary: "A service condition key that none of the statement's actions supports",
    docs: "Service-specific condition keys are only present for the actions (and resource types) that document them. When no \
action of the statement supports the key, the condition never matches (or, with `IfExists` / `Not` operators, always \
does). Global `aws:` keys are not checked.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"StringEquals": {"s3:prefix": "home/"}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringEquals": {"s3:prefix": "home/"}}}]}"#,
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
            condition-key-not-supported warning 137..148 "\"s3:prefix\"": "s3:prefix" is a s3 key, but this statement has no s3 actions: it never matches
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
