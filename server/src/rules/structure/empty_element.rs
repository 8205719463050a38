//! `empty-element`: An empty array or object where values are expected.

use crate::diagnostic::Severity;
use crate::rules::{Category, Rule};

pub static RULE: Rule = Rule {
    id: "empty-element",
    category: Category::Suspicious,
    severity: Severity::Warning,
    access_analyzer: &["EMPTY_ARRAY_ACTION", "EMPTY_ARRAY_RESOURCE", "EMPTY_ARRAY_PRINCIPAL", "EMPTY_OBJECT_PRINCIPAL", "EMPTY_OBJECT_CONDITION", "EMPTY_ARRAY_CONDITION", "EMPTY_ARRAY_CONDITION_FORALLVALUES", "EMPTY_ARRAY_CONDITION_FORANYVALUE", "EMPTY_ARRAY_CONDITION_IFEXISTS"],
    parliament: &[],
    summary: "An empty array or object where values are expected",
    docs: "An empty `Action`, `Resource` or `Principal` list makes the statement match nothing, and an empty `Condition` \
or empty value list either has no effect or never matches. Fill it in or remove it.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [], "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}]}"#,
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
            empty-element warning 70..72 "[]": "Action" is empty: it matches nothing
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
