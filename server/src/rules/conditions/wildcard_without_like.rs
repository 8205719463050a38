//! `wildcard-without-like`: A `*` or `?` in a value compared with an exact-match operator.

use super::Operator;
use crate::catalog::has_wildcard;
use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix};
use crate::model::ConditionEntry;
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule, Walk};
use crate::syntax::Node;

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
    checks: &[Check::Walk(Walk::Conditions)],
    notes_topics: &[],
    fix: Some(Applicability::Unsafe),
    build_fix: None,
    insert_statement: None,
};

/// A wildcard in a value compared by an operator without `Like`.
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    c: &ConditionEntry<'_>,
    op: &Operator,
    v: &Node,
    text: &str,
    acc: &mut Vec<Diagnostic>,
) {
    let like = op.base.contains("Like");
    if !like && has_wildcard(text) && !text.contains("${") {
        let like_op = op.base.replace("Equals", "Like").replace("IgnoreCase", "");
        let mut d = ctx.diag(&RULE, v.range, format!("\"{}\" compares exactly, so \"{text}\" only matches that literal text: use {like_op} to match a pattern", c.operator.key.text));
        let new_op = c.operator.key.text.replace(op.base, &like_op);
        if op.base == "StringEquals" || op.base == "StringNotEquals" {
            d.fixes.push(Fix::replace(
                format!("Change the operator to \"{new_op}\""),
                c.operator.key.range,
                format!("\"{new_op}\""),
                Applicability::Unsafe,
            ));
        }
        acc.push(d);
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
                warning[wildcard-without-like]: "StringEquals" compares exactly, so "data-*" only matches that literal text: use StringLike to match a pattern
                 --> a.iam.json:1:160
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "data-*"}}}]}
                   |                                                                                                                                                                ^^^^^^^^
                   = fix: Change the operator to "StringLike"

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
