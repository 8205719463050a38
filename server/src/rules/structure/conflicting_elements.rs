//! `conflicting-elements`: A statement has both an element and its Not form.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::Statement;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "conflicting-elements",
    category: Category::Structure,
    severity: Severity::Error,
    access_analyzer: &["UNSUPPORTED_ELEMENT_COMBINATION"],
    parliament: &["MALFORMED"],
    summary: "A statement has both an element and its Not form",
    docs: "A statement may contain `Action` or `NotAction`, `Resource` or `NotResource`, `Principal` or `NotPrincipal`, but \
never both of a pair. Remove one of them.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "NotAction": "s3:PutObject", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
    checks: &[Check::Statement(check)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    for (a, b) in [
        (st.action, st.not_action),
        (st.resource, st.not_resource),
        (st.principal, st.not_principal),
    ] {
        if let (Some(a), Some(b)) = (a, b) {
            acc.push(ctx.diag(
                &RULE,
                b.key.range,
                format!(
                    "{} has both \"{}\" and \"{}\": keep only one",
                    st.label(),
                    a.key.text,
                    b.key.text
                ),
            ));
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
                error[conflicting-elements]: statement #1 has both "Action" and "NotAction": keep only one
                 --> a.iam.json:1:87
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "NotAction": "s3:PutObject", "Resource": "*"}]}
                   |                                                                                       ^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
