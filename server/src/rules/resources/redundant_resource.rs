//! `redundant-resource`: A resource is listed twice or is already covered by a wildcard ARN in the same list.

use crate::diagnostic::Severity;
use crate::rules::{Applicability, Category, Rule};

pub static RULE: Rule = Rule {
    id: "redundant-resource",
    category: Category::Suspicious,
    severity: Severity::Info,
    access_analyzer: &["REDUNDANT_RESOURCE"],
    parliament: &[],
    summary: "A resource is listed twice or is already covered by a wildcard ARN in the same list",
    docs: "An ARN that repeats another entry, or that a wildcard ARN in the same list already matches \
(`arn:aws:s3:::logs/app/*` next to `arn:aws:s3:::logs/*`), adds nothing. Remove it so the list shows the real scope.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::logs/*", "arn:aws:s3:::logs/app/*"]}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ["arn:aws:s3:::logs/*", "arn:aws:s3:::audit/*"]}]}"#,
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
            redundant-resource info 122..147 "\"arn:aws:s3:::logs/app/*\"": "arn:aws:s3:::logs/app/*" is already covered by "arn:aws:s3:::logs/*"
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
