//! `missing-set-operator`: A multi-valued key used without ForAllValues or ForAnyValue.

use super::{Family, Operator, SetPrefix};
use crate::catalog::KeyInfo;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::ConditionEntry;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, NotesTopic, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "missing-set-operator",
    category: Category::Correctness,
    severity: Severity::Warning,
    access_analyzer: &["MISSING_QUALIFIER"],
    parliament: &[],
    summary: "A multi-valued key used without ForAllValues or ForAnyValue",
    docs: "Multi-valued keys such as `aws:TagKeys`, `aws:CalledVia` or `aws:PrincipalOrgPaths` hold a set of values. Say \
whether all of them (`ForAllValues:`) or at least one (`ForAnyValue:`) must match; without a prefix the result is not \
what most readers expect.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"StringEquals": {"aws:TagKeys": "team"}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"aws:TagKeys": "team"}}}]}"#,
    checks: &[Check::Walk(Walk::Conditions)],
    notes_topics: &[NotesTopic::Key("aws:TagKeys")],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// A multi-valued key compared without a set operator.
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    c: &ConditionEntry<'_>,
    op: &Operator,
    info: &KeyInfo,
    acc: &mut Vec<Diagnostic>,
) {
    if op.family != Family::Null && op.set == SetPrefix::None && info.multi_valued {
        acc.push(ctx.diag(&RULE, c.operator.key.range, format!("\"{}\" is multi-valued: say whether all values (ForAllValues:{1}) or any value (ForAnyValue:{1}) must match", c.key.key.text, c.operator.key.text)));
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
                warning[missing-set-operator]: "aws:TagKeys" is multi-valued: say whether all values (ForAllValues:StringEquals) or any value (ForAnyValue:StringEquals) must match
                 --> a.iam.json:1:120
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"StringEquals": {"aws:TagKeys": "team"}}}]}
                   |                                                                                                                        ^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
