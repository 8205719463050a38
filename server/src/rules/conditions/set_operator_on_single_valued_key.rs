//! `set-operator-on-single-valued-key`: ForAllValues/ForAnyValue used with a single-valued key.

use crate::diagnostic::Severity;
use crate::rules::{Category, NotesTopic, Rule};

pub static RULE: Rule = Rule {
    id: "set-operator-on-single-valued-key",
    category: Category::Security,
    severity: Severity::Warning,
    access_analyzer: &["FORALLVALUES_WITH_SINGLE_VALUED_KEY"],
    parliament: &["SINGLE_VALUE_CONDITION_TOO_PERMISSIVE"],
    summary: "ForAllValues/ForAnyValue used with a single-valued key",
    docs: "The set operators are for multi-valued keys such as `aws:TagKeys`. With a single-valued key, `ForAllValues:` is \
also true when the key is missing from the request, which can allow far more than intended. `ForAnyValue:` with a \
negated operator (`StringNotEquals`, `NotIpAddress`, ...) is false when the key is missing, where the plain operator \
is true: in a Deny that silently exempts every request without the key (warning). Other uses of `ForAnyValue:` on a \
single-valued key behave like the plain operator (information). Use the plain operator.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-abc123def4"}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team"]}}}]}"#,
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
            set-operator-on-single-valued-key warning 117..144 "\"ForAllValues:StringEquals\"": "aws:PrincipalOrgID" is single-valued: ForAllValues is also true when the key is missing, which can allow more than intended; use "StringEquals"
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
