//! `bad-mfa-condition`: An MFA condition that does not enforce MFA.

use super::{Family, Operator};
use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix};
use crate::model::{scalar_text, ConditionEntry, Effect, Statement};
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "bad-mfa-condition",
    category: Category::Security,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &["BAD_PATTERN_FOR_MFA"],
    summary: "An MFA condition that does not enforce MFA",
    docs: "`aws:MultiFactorAuthPresent` is absent (not `false`) for requests signed with long-term access keys. So \
`\"Bool\": {\"aws:MultiFactorAuthPresent\": \"false\"}` in a Deny does not catch them, and `Null … false` only tests \
presence. Deny with `\"BoolIfExists\": {\"aws:MultiFactorAuthPresent\": \"false\"}`, or Allow with \
`\"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}`.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}}]}"#,
    checks: &[Check::Walk(Walk::Conditions)],
    notes_topics: &[],
    fix: Some(Applicability::Unsafe),
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    st: &Statement<'_>,
    c: &ConditionEntry<'_>,
    op: &Operator,
    acc: &mut Vec<Diagnostic>,
) {
    if !c
        .key
        .key
        .text
        .eq_ignore_ascii_case("aws:MultiFactorAuthPresent")
    {
        return;
    }
    let vals: Vec<String> = c
        .values
        .iter()
        .filter_map(|n| scalar_text(n))
        .map(str::to_ascii_lowercase)
        .collect();
    let has_false = vals.iter().any(|v| v == "false");
    if op.family == Family::Bool && !op.if_exists && has_false && st.effect() == Some(Effect::Deny)
    {
        let mut d = ctx.diag(&RULE, c.operator.key.range, "requests made with long-term access keys have no aws:MultiFactorAuthPresent at all, so this Deny does not catch them: use \"BoolIfExists\"".to_string());
        d.fixes.push(Fix::replace(
            "Change to \"BoolIfExists\"",
            c.operator.key.range,
            "\"BoolIfExists\"",
            Applicability::Unsafe,
        ));
        acc.push(d);
    }
    if op.family == Family::Null && has_false && st.effect() == Some(Effect::Allow) {
        acc.push(ctx.diag(&RULE, c.operator.key.range, "Null with false only checks that the key is present, not that MFA was used: use \"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}".to_string()));
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
                warning[bad-mfa-condition]: requests made with long-term access keys have no aws:MultiFactorAuthPresent at all, so this Deny does not catch them: use "BoolIfExists"
                 --> a.iam.json:1:106
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "false"}}}]}
                   |                                                                                                          ^^^^^^
                   = fix: Change to "BoolIfExists"

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
