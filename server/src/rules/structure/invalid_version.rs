//! `invalid-version`: Version is not a date IAM accepts.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Fix;
use crate::diagnostic::Severity;
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "invalid-version",
    category: Category::Structure,
    severity: Severity::Error,
    access_analyzer: &["INVALID_VERSION"],
    parliament: &["INVALID_VERSION"],
    summary: "Version is not a date IAM accepts",
    docs: "`Version` names the policy-language version, not the date you wrote the policy. Only `\"2012-10-17\"` (current) \
and `\"2008-10-17\"` (legacy) are accepted; anything else makes AWS reject the policy.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-18", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
    checks: &[Check::Document(check)],
    notes_topics: &[],
    fix: Some(Applicability::Safe),
    build_fix: None,
    insert_statement: None,
};

/// A Version other than the two the policy language has.
pub(crate) fn check(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(v) = ctx
        .policy
        .and_then(|p| p.version)
        .and_then(|m| m.value.as_ref())
    else {
        return;
    };
    let Some(text) = v.as_str() else {
        // Of the wrong type: reported as the schema would, which checks only a
        // document without syntax errors (its tree is then no guess).
        if ctx.parse.errors.is_empty() {
            acc.push(ctx.diag(
                &RULE,
                v.range,
                format!(
                    "Version must be \"2012-10-17\" (or the legacy \"2008-10-17\"), not {}",
                    v.type_name()
                ),
            ));
        }
        return;
    };
    if matches!(text, "2012-10-17" | "2008-10-17") {
        return;
    }
    let mut d = ctx.diag(&RULE, v.range, format!("Version must be \"2012-10-17\" (or the legacy \"2008-10-17\"), not \"{text}\": it names the policy-language version, not a date you choose"));
    d.fixes.push(Fix::replace(
        "Use Version 2012-10-17",
        v.range,
        "\"2012-10-17\"",
        Applicability::Safe,
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
                error[invalid-version]: Version must be "2012-10-17" (or the legacy "2008-10-17"), not "2012-10-18": it names the policy-language version, not a date you choose
                 --> a.iam.json:1:13
                   |
                1 | {"Version": "2012-10-18", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}
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
