//! `missing-effect`: A statement has no Effect.

use super::first_char;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::Statement;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "missing-effect",
    category: Category::Structure,
    severity: Severity::Error,
    access_analyzer: &["MISSING_EFFECT"],
    parliament: &["MALFORMED"],
    summary: "A statement has no Effect",
    docs: "Every statement needs `\"Effect\": \"Allow\"` or `\"Effect\": \"Deny\"`.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Action": "s3:GetObject", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
    checks: &[Check::Statement(check)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    if st.effect.is_none() {
        acc.push(ctx.diag(
            &RULE,
            first_char(st.node),
            format!(
                "{} has no \"Effect\": add \"Effect\": \"Allow\" or \"Deny\"",
                st.label()
            ),
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
                error[missing-effect]: statement #1 has no "Effect": add "Effect": "Allow" or "Deny"
                 --> a.iam.json:1:41
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Action": "s3:GetObject", "Resource": "*"}]}
                   |                                         ^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
