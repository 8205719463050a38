//! `forallvalues-with-allow`: Allow with ForAllValues passes when the key is missing.

use super::Allow;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, NotesTopic, Rule};

pub static RULE: Rule = Rule {
    id: "forallvalues-with-allow",
    category: Category::Security,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &[],
    summary: "Allow with ForAllValues passes when the key is missing",
    docs: "`ForAllValues:` is true when the request has no value for the key at all, so an `Allow` conditioned on it also \
allows requests without that key (for example without tags). Add `\"Null\": {\"KEY\": \"false\"}` to require the key, \
or use `ForAnyValue:`.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}, "Null": {"aws:TagKeys": "false"}}}]}"#,
    checks: &[Check::Allow(check)],
    notes_topics: &[NotesTopic::Key("aws:TagKeys")],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// ForAllValues with Allow and no Null guard, when it is the statement's only restriction.
pub(crate) fn check(ctx: &RuleCtx<'_>, s: &Allow<'_, '_>, acc: &mut Vec<Diagnostic>) {
    let conditions = s.st.conditions();
    if !conditions
        .iter()
        .all(|c| c.operator.key.text.starts_with("ForAllValues:"))
    {
        return;
    }
    for c in &conditions {
        let key = c.key.key.text.as_str();
        let multi = ctx
            .catalog
            .condition_key(key)
            .is_some_and(|k| k.multi_valued);
        let guarded = conditions.iter().any(|o| {
            o.operator.key.text == "Null"
                && o.key.key.text.eq_ignore_ascii_case(key)
                && o.values
                    .iter()
                    .any(|v| model::scalar_text(v) == Some("false"))
        });
        if multi && !guarded {
            acc.push(ctx.diag(&RULE, c.operator.key.range, format!("ForAllValues is also true when the request has no \"{key}\": add \"Null\": {{\"{key}\": \"false\"}} or use ForAnyValue")));
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
                warning[forallvalues-with-allow]: ForAllValues is also true when the request has no "aws:TagKeys": add "Null": {"aws:TagKeys": "false"} or use ForAnyValue
                 --> a.iam.json:1:120
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:CreateTags", "Resource": "*", "Condition": {"ForAllValues:StringEquals": {"aws:TagKeys": ["team", "env"]}}}]}
                   |                                                                                                                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
