//! `variable-not-allowed`: A policy variable where IAM does not expand it.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::rules::conditions::{family_name, Family, Operator};
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule, Walk};
use crate::syntax::TextRange;

pub static RULE: Rule = Rule {
    id: "variable-not-allowed",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["VARIABLE_UNSUPPORTED_IN_ELEMENT", "INVALID_VARIABLE_FOR_OPERATOR"],
    parliament: &[],
    summary: "A policy variable where IAM does not expand it",
    docs: "Variables are expanded in `Resource`/`NotResource` values and in condition values compared with String and ARN \
operators. Elsewhere (`Action`, `Principal`, `Sid`, numeric or date operators) the text `${…}` is taken literally.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:${aws:username}", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*"}]}"#,
    checks: &[Check::Walk(Walk::Variables), Check::Walk(Walk::Conditions)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// A policy variable in the value of an operator that does not expand variables.
pub(crate) fn check_condition_value(
    ctx: &RuleCtx<'_>,
    op: &Operator,
    v: &crate::syntax::Node,
    text: &str,
    acc: &mut Vec<Diagnostic>,
) {
    if !matches!(op.family, Family::String | Family::Arn) {
        acc.push(ctx.diag(&RULE, v.range, format!("policy variables are not expanded with {} operators: \"{text}\" is compared literally", family_name(op.family))));
    }
}

/// Variables (at `vars`) in an element that does not expand them.
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    element: &str,
    vars: &[TextRange],
    acc: &mut Vec<Diagnostic>,
) {
    for r in vars {
        acc.push(ctx.diag(&RULE, *r, format!("policy variables are not expanded in \"{element}\": the text is matched literally (they work in Resource and in Condition values)")));
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
                error[variable-not-allowed]: policy variables are not expanded in "Action": the text is matched literally (they work in Resource and in Condition values)
                 --> a.iam.json:1:75
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:${aws:username}", "Resource": "*"}]}
                   |                                                                           ^^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
