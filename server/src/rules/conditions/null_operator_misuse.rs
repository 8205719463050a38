//! `null-operator-misuse`: The Null operator combined with IfExists or a set prefix.

use super::{Family, Operator, SetPrefix};
use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix};
use crate::model::ConditionEntry;
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "null-operator-misuse",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["NULL_WITH_IF_EXISTS", "NULL_WITH_QUALIFIER"],
    parliament: &["MISMATCHED_TYPE_OPERATION_TO_NULL"],
    summary: "The Null operator combined with IfExists or a set prefix",
    docs: "`Null` tests whether a key is present, so `NullIfExists` is meaningless and AWS rejects it, and `ForAllValues:Null` \
/ `ForAnyValue:Null` are always true or always false. Use plain `Null` with `true` or `false`.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"NullIfExists": {"aws:PrincipalOrgID": "true"}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Null": {"aws:PrincipalOrgID": "true"}}}]}"#,
    checks: &[Check::Walk(Walk::Conditions)],
    notes_topics: &[],
    fix: Some(Applicability::Safe),
    build_fix: None,
    insert_statement: None,
};

/// Null takes neither `IfExists` nor a set prefix.
pub(crate) fn applies(op: &Operator) -> bool {
    op.family == Family::Null && (op.if_exists || op.set != SetPrefix::None)
}

pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    c: &ConditionEntry<'_>,
    op: &Operator,
    acc: &mut Vec<Diagnostic>,
) {
    let what = if op.if_exists {
        "NullIfExists is not an operator: Null already tests whether the key exists"
    } else {
        "a set prefix with Null is always true or always false: use plain \"Null\""
    };
    let mut d = ctx.diag(&RULE, c.operator.key.range, what.to_string());
    d.fixes.push(Fix::replace(
        "Use \"Null\"",
        c.operator.key.range,
        "\"Null\"",
        Applicability::Safe,
    ));
    acc.push(d);
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
                error[null-operator-misuse]: NullIfExists is not an operator: Null already tests whether the key exists
                 --> a.iam.json:1:109
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"NullIfExists": {"aws:PrincipalOrgID": "true"}}}]}
                   |                                                                                                             ^^^^^^^^^^^^^^
                   = fix: Use "Null"

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
