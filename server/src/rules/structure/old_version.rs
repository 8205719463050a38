//! `old-version`: Version 2008-10-17 is the legacy policy language.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Fix;
use crate::diagnostic::Severity;
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "old-version",
    category: Category::Style,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &["OLD_VERSION"],
    summary: "Version 2008-10-17 is the legacy policy language",
    docs: "The 2008-10-17 grammar does not support policy variables and some newer features. Use `\"2012-10-17\"` unless \
you deliberately need the old behaviour.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
    checks: &[Check::Document(check)],
    notes_topics: &[],
    fix: Some(Applicability::Unsafe),
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(v) = ctx
        .policy
        .and_then(|p| p.version)
        .and_then(|m| m.value.as_ref())
    else {
        return;
    };
    let Some(text) = v.as_str() else { return }; // wrong type: reported by the schema
    if text != "2008-10-17" {
        return;
    }
    let mut d = ctx.diag(
        &RULE,
        v.range,
        "Version 2008-10-17 is the legacy policy language: use \"2012-10-17\"".to_string(),
    );
    // Changing the version turns literal `${...}` text into variables: unsafe.
    d.fixes.push(Fix::replace(
        "Use Version 2012-10-17",
        v.range,
        "\"2012-10-17\"",
        Applicability::Unsafe,
    ));
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
                warning[old-version]: Version 2008-10-17 is the legacy policy language: use "2012-10-17"
                 --> a.iam.json:1:13
                   |
                1 | {"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}
                   |             ^^^^^^^^^^^^
                   = fix: Use Version 2012-10-17

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
