//! `wildcard-without-like`: A `*` or `?` in a value compared with an exact-match operator.

use crate::diagnostic::Severity;
use crate::rules::{Applicability, Category, Rule};

pub static RULE: Rule = Rule {
    id: "wildcard-without-like",
    category: Category::Suspicious,
    severity: Severity::Warning,
    access_analyzer: &["WILDCARD_WITHOUT_LIKE_OPERATOR"],
    parliament: &[],
    summary: "A `*` or `?` in a value compared with an exact-match operator",
    docs: "`StringEquals` and `StringNotEquals` compare literally: `\"arn:aws:iam::*:role/x\"` only matches that exact text. \
Use `StringLike` / `StringNotLike` (or the `Arn` operators) to match patterns.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "data-*"}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringLike": {"aws:PrincipalTag/team": "data-*"}}}]}"#,
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
            wildcard-without-like warning 159..167 "\"data-*\"": "StringEquals" compares exactly, so "data-*" only matches that literal text: use StringLike to match a pattern
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
