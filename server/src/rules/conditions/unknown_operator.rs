//! `unknown-operator`: A condition operator that IAM does not know.

use super::all_operator_names;
use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix};
use crate::model::ConditionEntry;
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "unknown-operator",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["INVALID_CONDITION_OPERATOR"],
    parliament: &["UNKNOWN_OPERATOR"],
    summary: "A condition operator that IAM does not know",
    docs: "Operators are the String, Numeric, Date, Bool, Binary, IpAddress, Arn and Null families (`StringEquals`, \
`NumericLessThan`, `DateGreaterThan`, `ArnLike`, …), optionally with `IfExists` and a `ForAllValues:` or \
`ForAnyValue:` prefix. AWS rejects the policy for an unknown operator; the quick fix uses the closest real one.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEqual": {"aws:PrincipalAccount": "111122223333"}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ForAnyValue:StringEqualsIfExists": {"aws:TagKeys": "team"}}}]}"#,
    checks: &[Check::Walk(Walk::Conditions)],
    notes_topics: &[],
    fix: Some(Applicability::Safe),
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, c: &ConditionEntry<'_>, acc: &mut Vec<Diagnostic>) {
    let op = c.operator.key.text.as_str();
    let names = all_operator_names();
    if let Some(exact) = names.iter().find(|n| n.eq_ignore_ascii_case(op)) {
        let mut d = ctx.diag(
            &RULE,
            c.operator.key.range,
            format!("condition operators are case-sensitive: write \"{exact}\""),
        );
        d.fixes.push(Fix::replace(
            format!("Change to \"{exact}\""),
            c.operator.key.range,
            format!("\"{exact}\""),
            Applicability::Safe,
        ));
        acc.push(d);
        return;
    }
    let mut d = ctx.diag(
        &RULE,
        c.operator.key.range,
        format!("unknown condition operator \"{op}\""),
    );
    if let Some(s) = crate::suggest::best(op, names.iter().map(String::as_str)) {
        d.message = format!("unknown condition operator \"{op}\": did you mean \"{s}\"?");
        d.fixes.push(Fix::replace(
            format!("Change to \"{s}\""),
            c.operator.key.range,
            format!("\"{s}\""),
            Applicability::Safe,
        ));
    }
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
                error[unknown-operator]: unknown condition operator "StringEqual": did you mean "StringEquals"?
                 --> a.iam.json:1:118
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEqual": {"aws:PrincipalAccount": "111122223333"}}}]}
                   |                                                                                                                      ^^^^^^^^^^^^^
                   = fix: Change to "StringEquals"

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
