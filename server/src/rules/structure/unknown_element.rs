//! `unknown-element`: An element name that IAM does not know.

use crate::diagnostic::Severity;
use crate::rules::{Applicability, Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "unknown-element",
    category: Category::Structure,
    severity: Severity::Error,
    access_analyzer: &["INVALID_POLICY_ELEMENT", "INVALID_PRINCIPAL_KEY"],
    parliament: &["MALFORMED"],
    summary: "An element name that IAM does not know",
    docs: "Policy element names are case-sensitive and limited to `Version`, `Id` and `Statement` at the top level and \
`Sid`, `Effect`, `Principal`, `NotPrincipal`, `Action`, `NotAction`, `Resource`, `NotResource` and `Condition` in a \
statement. Any other name (often a typo or wrong capitalization such as `effect`) makes AWS reject the policy. \
The quick fix renames it to the closest valid element.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": {"effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
    checks: &[Check::Walk(Walk::Schema)],
    notes_topics: &[],
    fix: Some(Applicability::Safe),
    build_fix: None,
    insert_statement: None,
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
                error[unknown-element]: unknown statement element "effect": did you mean "Effect"?
                 --> a.iam.json:1:41
                   |
                1 | {"Version": "2012-10-17", "Statement": {"effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}
                   |                                         ^^^^^^^^
                   = fix: Rename to "Effect"

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
