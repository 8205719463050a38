//! `malformed-action`: An action is not of the form service:Action.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::StrValue;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "malformed-action",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["INVALID_ACTION"],
    parliament: &["UNKNOWN_ACTION"],
    summary: "An action is not of the form service:Action",
    docs: "Actions are written `service:ActionName` (or `*`). A value without a colon, with spaces, or with several colons \
never matches any request.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "GetObject", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
    checks: &[Check::Walk(Walk::Actions)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, v: &StrValue<'_>, acc: &mut Vec<Diagnostic>) {
    acc.push(ctx.diag(
        &RULE,
        v.range(),
        format!(
            "\"{}\" is not an action: write service:Action, e.g. \"s3:GetObject\"",
            v.text
        ),
    ));
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
                error[malformed-action]: "GetObject" is not an action: write service:Action, e.g. "s3:GetObject"
                 --> a.iam.json:1:71
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "GetObject", "Resource": "*"}]}
                   |                                                                       ^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
