//! `wildcard-matches-nothing`: A wildcard action pattern matches no action.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule, Walk};
use crate::syntax::TextRange;

pub static RULE: Rule = Rule {
    id: "wildcard-matches-nothing",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["INVALID_ACTION"],
    parliament: &["UNKNOWN_ACTION"],
    summary: "A wildcard action pattern matches no action",
    docs: "A pattern such as `s3:Get*Objekt*` that matches no action of the service has no effect, which is almost always a \
typo. Check the spelling of the fixed parts of the pattern.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get*Objekt", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get*Object", "Resource": "*"}]}"#,
    checks: &[Check::Walk(Walk::Actions)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// `text` (of `service`, when its prefix has no wildcard) matches no action.
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    text: &str,
    range: TextRange,
    service: Option<&str>,
    date: &str,
    acc: &mut Vec<Diagnostic>,
) {
    if ctx.catalog.matches_any_action(text) {
        return;
    }
    let message = match service {
        None => format!("\"{text}\" matches no action in the catalog ({date})"),
        Some(s) => format!("\"{text}\" matches no {s} action in the catalog ({date})"),
    };
    acc.push(ctx.diag(&RULE, range, message));
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
                error[wildcard-matches-nothing]: "s3:Get*Objekt" matches no s3 action in the catalog (2026-09-26)
                 --> a.iam.json:1:72
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get*Objekt", "Resource": "*"}]}
                   |                                                                        ^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
