//! `invalid-type`: A policy element has the wrong JSON type.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "invalid-type",
    category: Category::Structure,
    severity: Severity::Error,
    access_analyzer: &["DATA_TYPE_MISMATCH"],
    parliament: &["MALFORMED"],
    summary: "A policy element has the wrong JSON type",
    docs: "Each element takes specific JSON types: `Version`, `Sid` and `Effect` are strings; `Action`, `Resource` and their \
`Not` forms are a string or an array of strings; `Principal` is `\"*\"` or an object of principal types; `Condition` \
is an object of operators, each an object of keys whose values are strings, numbers, booleans or arrays of them. \
AWS rejects a policy with any other shape.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": 42, "Resource": "*"}}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
    checks: &[Check::Document(check_root), Check::Walk(Walk::Schema)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// A document that is not a JSON object (even with syntax errors). Every other wrong
/// type is found by the JSON Schema (`rules::schema`).
pub(crate) fn check_root(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(root) = ctx.parse.root.as_ref() else {
        return;
    };
    if root.as_object().is_none() {
        acc.push(ctx.diag(
            &RULE,
            root.range,
            format!("a policy must be a JSON object, found {}", root.type_name()),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_util::{check_clean, check_hit};
    use expect_test::expect;

    #[test]
    fn hit() {
        check_hit(
            &super::RULE,
            expect![[r#"
                error[invalid-type]: "Action" must be a string or an array of strings, found a number
                 --> a.iam.json:1:70
                   |
                1 | {"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": 42, "Resource": "*"}}
                   |                                                                      ^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
