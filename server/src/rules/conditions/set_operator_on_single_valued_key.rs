//! `set-operator-on-single-valued-key`: ForAllValues/ForAnyValue used with a single-valued key.

use super::{is_negated, Family, Operator, SetPrefix};
use crate::catalog::KeyInfo;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::{ConditionEntry, Effect, Statement};
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, NotesTopic, Rule, Walk};

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
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123def4"}}}]}"#,
    checks: &[Check::Walk(Walk::Conditions)],
    notes_topics: &[NotesTopic::Key("aws:TagKeys")],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// A set operator on a single-valued key.
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    st: &Statement<'_>,
    c: &ConditionEntry<'_>,
    op: &Operator,
    info: &KeyInfo,
    acc: &mut Vec<Diagnostic>,
) {
    if op.family == Family::Null || info.multi_valued {
        return;
    }
    let key_name = c.key.key.text.as_str();
    let op_range = c.operator.key.range;
    match op.set {
        SetPrefix::ForAllValues => acc.push(ctx.diag(&RULE, op_range, format!("\"{key_name}\" is single-valued: ForAllValues is also true when the key is missing, which can allow more than intended; use \"{}{}\"", op.base, if op.if_exists { "IfExists" } else { "" }))),
        // With a negated operator, ForAnyValue is false when the key is absent
        // while the plain operator is true: in a Deny that silently lets every
        // request without the key through ("Set operators for multivalued
        // context keys", IAM User Guide,
        // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html).
        SetPrefix::ForAnyValue if is_negated(op) && st.effect() == Some(Effect::Deny) => {
            let plain = format!("{}{}", op.base, if op.if_exists { "IfExists" } else { "" });
            acc.push(ctx.diag(&RULE, op_range, format!("\"{key_name}\" is single-valued: ForAnyValue with \"{}\" is false when the key is absent, so this Deny does not apply to requests without it (plain \"{plain}\" would); use \"{plain}\"", op.base)));
        }
        SetPrefix::ForAnyValue => {
            let mut d = ctx.diag(&RULE, op_range, format!("\"{key_name}\" is single-valued: ForAnyValue is not needed"));
            d.severity = Severity::Info;
            acc.push(d);
        }
        SetPrefix::None => {}
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
                warning[set-operator-on-single-valued-key]: "aws:PrincipalOrgID" is single-valued: ForAllValues is also true when the key is missing, which can allow more than intended; use "StringEquals"
                 --> a.iam.json:1:118
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:PrincipalOrgID": "o-abc123def4"}}}]}
                   |                                                                                                                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
