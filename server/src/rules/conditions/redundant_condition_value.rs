//! `redundant-condition-value`: Several values for a numeric or date comparison where only one bound matters.

use super::{Family, Operator};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::ConditionEntry;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "redundant-condition-value",
    category: Category::Suspicious,
    severity: Severity::Info,
    access_analyzer: &["REDUNDANT_CONDITION_VALUE_NUM"],
    parliament: &[],
    summary: "Several values for a numeric or date comparison where only one bound matters",
    docs: "With `NumericLessThan`, `DateGreaterThan` and the like, several values match if any of them does, so only the \
least strict bound counts (the largest for LessThan, the smallest for GreaterThan). Keep that one value.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b", "Condition": {"NumericLessThanEquals": {"s3:max-keys": ["10", "20"]}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b", "Condition": {"NumericLessThanEquals": {"s3:max-keys": "20"}}}]}"#,
    checks: &[Check::Walk(Walk::Conditions)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// Several bounds for one LessThan/GreaterThan key: only the least strict counts.
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    c: &ConditionEntry<'_>,
    op: &Operator,
    acc: &mut Vec<Diagnostic>,
) {
    let bound = matches!(op.family, Family::Numeric | Family::Date)
        && (op.base.contains("LessThan") || op.base.contains("GreaterThan"));
    if bound && c.values.len() > 1 {
        if let Some(v) = &c.key.value {
            acc.push(ctx.diag(&RULE, v.range, format!("\"{}\" matches if any value does, so only the least strict of these {} values counts: keep one", c.operator.key.text, c.values.len())));
        }
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
                info[redundant-condition-value]: "NumericLessThanEquals" matches if any value does, so only the least strict of these 2 values counts: keep one
                 --> a.iam.json:1:173
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b", "Condition": {"NumericLessThanEquals": {"s3:max-keys": ["10", "20"]}}}]}
                   |                                                                                                                                                                             ^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
