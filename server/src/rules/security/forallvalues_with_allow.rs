//! `forallvalues-with-allow`: Allow with ForAllValues passes when the key is missing.

use crate::diagnostic::Severity;
use crate::rules::{Category, NotesTopic, Rule};

pub static RULE: Rule = Rule {
    id: "forallvalues-with-allow",
    category: Category::Security,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &[],
    summary: "Allow with ForAllValues passes when the key is missing",
    docs: "`ForAllValues:` is true when the request has no value for the key at all, so an `Allow` conditioned on it also \
allows requests without that key (for example without tags). Add `\"Null\": {\"KEY\": \"false\"}` to require the key, \
or use `ForAnyValue:`.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}, "Null": {"aws:TagKeys": "false"}}}]}"#,
    notes_topics: &[NotesTopic::Key("aws:TagKeys")],
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
            forallvalues-with-allow warning 119..146 "\"ForAllValues:StringEquals\"": ForAllValues is also true when the request has no "aws:TagKeys": add "Null": {"aws:TagKeys": "false"} or use ForAnyValue
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
