//! `missing-statement`: The policy has no Statement.

use super::first_char;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "missing-statement",
    category: Category::Structure,
    severity: Severity::Error,
    access_analyzer: &["MISSING_STATEMENT"],
    parliament: &["MALFORMED"],
    summary: "The policy has no Statement",
    docs: "A policy needs a `Statement` element: one statement object or an array of them. Without it AWS rejects the \
document.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17"}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#,
    checks: &[Check::Document(check)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(policy) = ctx.policy else { return };
    if policy.statement.is_none() {
        acc.push(ctx.diag(&RULE, first_char(policy.root), "the policy has no \"Statement\": add \"Statement\": [ { \"Effect\": ..., \"Action\": ..., ... } ]".to_string()));
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
                error[missing-statement]: the policy has no "Statement": add "Statement": [ { "Effect": ..., "Action": ..., ... } ]
                 --> a.iam.json:1:1
                   |
                1 | {"Version": "2012-10-17"}
                   | ^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
