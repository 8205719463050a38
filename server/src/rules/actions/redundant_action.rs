//! `redundant-action`: An action is listed twice or is already covered by a wildcard in the same list.

use crate::diagnostic::Severity;
use crate::rules::{Applicability, Category, Rule};

pub static RULE: Rule = Rule {
    id: "redundant-action",
    category: Category::Suspicious,
    severity: Severity::Info,
    access_analyzer: &["REDUNDANT_ACTION"],
    parliament: &[],
    summary: "An action is listed twice or is already covered by a wildcard in the same list",
    docs: "An action that repeats another entry, or that a wildcard in the same list already matches (`s3:GetObject` next \
to `s3:Get*`), adds nothing. Remove it so reviewers see the real scope of the statement.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:GetObject"], "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:Get*", "s3:PutObject"], "Resource": "*"}]}"#,
    notes_topics: &[],
    fix: Some(Applicability::Safe),
    build_fix: None,
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
            redundant-action info 82..96 "\"s3:GetObject\"": "s3:GetObject" is already covered by "s3:Get*"
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
