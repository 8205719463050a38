//! `json-syntax`: The document is not valid JSON.

use crate::diagnostic::Severity;
use crate::rules::{Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "json-syntax",
    category: Category::Syntax,
    severity: Severity::Error,
    access_analyzer: &["JSON_SYNTAX_ERROR"],
    parliament: &["MALFORMED_JSON"],
    summary: "The document is not valid JSON",
    docs: "IAM parses policies as strict JSON: no comments, no trailing commas, double-quoted strings and property names, \
properly escaped characters. Any syntax error makes AWS reject the whole policy. The message says what was expected \
at the marked spot; fix the first error first, as later ones may follow from it.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
    checks: &[Check::Walk(Walk::Parser), Check::Walk(Walk::Host)],
    notes_topics: &[],
    fix: None,
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
                error[json-syntax]: trailing comma: remove the `,` before `]`
                 --> a.iam.json:1:103
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"},]}
                   |                                                                                                       ^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
