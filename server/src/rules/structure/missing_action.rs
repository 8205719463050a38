//! `missing-action`: A statement has neither Action nor NotAction.

use super::first_char;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::Statement;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "missing-action",
    category: Category::Structure,
    severity: Severity::Error,
    access_analyzer: &["MISSING_ACTION"],
    parliament: &["MALFORMED"],
    summary: "A statement has neither Action nor NotAction",
    docs: "Every statement must name what it applies to with `Action` (or, rarely, `NotAction`).",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "NotAction": "s3:*", "Resource": "*"}]}"#,
    checks: &[Check::Statement(check)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    if st.action.is_none() && st.not_action.is_none() {
        acc.push(ctx.diag(
            &RULE,
            first_char(st.node),
            format!("{} has neither \"Action\" nor \"NotAction\"", st.label()),
        ));
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
                error[missing-action]: statement #1 has neither "Action" nor "NotAction"
                 --> a.iam.json:1:41
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*"}]}
                   |                                         ^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
