//! `unknown-action`: The service has no action of this name.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::rules::did_you_mean;
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule, Walk};
use crate::syntax::TextRange;

pub static RULE: Rule = Rule {
    id: "unknown-action",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["INVALID_ACTION"],
    parliament: &["UNKNOWN_ACTION"],
    summary: "The service has no action of this name",
    docs: "IAM ignores actions that do not exist, so a misspelt action silently grants or denies nothing. The quick fix \
replaces it with the closest real action. If the action is newer than the catalog (its date is in the message), add \
it to `[catalog] extra-actions` in policy-lsp.toml or point `[catalog] path` at newer data.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjet", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
    checks: &[Check::Walk(Walk::Actions)],
    notes_topics: &[],
    fix: Some(Applicability::Safe),
    build_fix: None,
    insert_statement: None,
};

/// `service` (written `prefix`) has no action `name` (`text` is the whole value).
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    service: &str,
    text: &str,
    (prefix, name): (&str, &str),
    range: TextRange,
    date: &str,
    acc: &mut Vec<Diagnostic>,
) {
    // The whole action is underlined (prefix included), so the finding starts where
    // the action does, as Access Analyzer points at the action.
    let mut d = ctx.diag(
        &RULE,
        range,
        format!(
            "{service} has no action \"{name}\" in the catalog of {date}: if it is newer, add it to [catalog] extra-actions"
        ),
    );
    did_you_mean(
        &mut d,
        text,
        ctx.catalog.suggest_action(prefix, name),
        |s| {
            format!("{service} has no action \"{name}\": did you mean \"{s}\"? (catalog of {date})")
        },
        str::to_string,
    );
    acc.push(d);
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
                error[unknown-action]: s3 has no action "GetObjet": did you mean "s3:GetObject"? (catalog of 2026-09-26)
                 --> a.iam.json:1:72
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObjet", "Resource": "*"}]}
                   |                                                                        ^^^^^^^^^^^
                   = fix: Change to "s3:GetObject"

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
