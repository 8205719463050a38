//! `not-action-with-allow`: Allow with NotAction grants every action not listed.

use crate::rules::security::Allow;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "not-action-with-allow",
    category: Category::Security,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &["NOTACTION_WITH_ALLOW"],
    summary: "Allow with NotAction grants every action not listed",
    docs: "`\"Effect\": \"Allow\"` with `NotAction` allows every action of every service except the listed ones, including \
services that AWS launches later. Use `Action` with the actions you need, or use `NotAction` only with `Deny`.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "iam:*", "Resource": "*"}]}"#,
    checks: &[Check::Allow(check)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, s: &Allow<'_, '_>, acc: &mut Vec<Diagnostic>) {
    let (st, n_values) = (s.st, s.actions.len());
    if !s.is_not {
        return;
    }
    if let Some(m) = st.not_action {
        acc.push(ctx.diag(&RULE, m.key.range, format!("{} allows every action except the {} listed, including actions of services added later: list the actions you need in \"Action\" instead", st.label(), n_values)));
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
                warning[not-action-with-allow]: statement #1 allows every action except the 1 listed, including actions of services added later: list the actions you need in "Action" instead
                 --> a.iam.json:1:61
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}
                   |                                                             ^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
