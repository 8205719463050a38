//! `invalid-effect`: Effect is not "Allow" or "Deny".

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Fix;
use crate::diagnostic::Severity;
use crate::model;
use crate::model::Statement;
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "invalid-effect",
    category: Category::Structure,
    severity: Severity::Error,
    access_analyzer: &["INVALID_EFFECT"],
    parliament: &["MALFORMED"],
    summary: "Effect is not \"Allow\" or \"Deny\"",
    docs: "`Effect` must be exactly `\"Allow\"` or `\"Deny\"`, capitalized as shown. AWS rejects other values, including \
`\"allow\"`.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": {"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "*"}}"#,
    checks: &[Check::Statement(check)],
    notes_topics: &[],
    fix: Some(Applicability::Safe),
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(v) = model::value(st.effect) else {
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
                    "Effect must be \"Allow\" or \"Deny\", not {}",
                    v.type_name()
                ),
            ));
        }
        return;
    };
    if text == "Allow" || text == "Deny" {
        return;
    }
    let mut d = ctx.diag(
        &RULE,
        v.range,
        format!("Effect must be \"Allow\" or \"Deny\", not \"{text}\""),
    );
    match text.to_ascii_lowercase().as_str() {
        "allow" => d.fixes.push(Fix::replace(
            "Change to \"Allow\"",
            v.range,
            "\"Allow\"",
            Applicability::Safe,
        )),
        "deny" => d.fixes.push(Fix::replace(
            "Change to \"Deny\"",
            v.range,
            "\"Deny\"",
            Applicability::Safe,
        )),
        _ => {}
    }
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
                error[invalid-effect]: Effect must be "Allow" or "Deny", not "allow"
                 --> a.iam.json:1:51
                   |
                1 | {"Version": "2012-10-17", "Statement": {"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}}
                   |                                                   ^^^^^^^
                   = fix: Change to "Allow"

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
