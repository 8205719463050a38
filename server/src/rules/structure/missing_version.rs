//! `missing-version`: The policy has no Version element.

use super::{first_char, indent_before};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Fix;
use crate::diagnostic::Severity;
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule};
use crate::syntax::TextRange;

pub static RULE: Rule = Rule {
    id: "missing-version",
    category: Category::Structure,
    severity: Severity::Warning,
    access_analyzer: &["MISSING_VERSION"],
    parliament: &["NO_VERSION"],
    summary: "The policy has no Version element",
    docs: "Without `\"Version\": \"2012-10-17\"` IAM reads the policy with the 2008 grammar, where policy variables such as \
`${aws:username}` are plain text. Add `\"Version\": \"2012-10-17\"` as the first element.",
    example_file: "a.iam.json",
    avoid: r#"{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}"#,
    checks: &[Check::Document(check)],
    notes_topics: &[],
    fix: Some(Applicability::Safe),
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(policy) = ctx.policy else { return };
    if policy.version.is_some() {
        return;
    }
    let fix = insert_version_fix(ctx);
    let mut d = ctx.diag(&RULE, first_char(policy.root), "the policy has no \"Version\": add \"Version\": \"2012-10-17\", or policy variables are read as plain text".to_string());
    d.fixes.extend(fix);
    acc.push(d);
}

fn insert_version_fix(ctx: &RuleCtx<'_>) -> Option<Fix> {
    let policy = ctx.policy?;
    let obj = policy.root.as_object()?;
    let first = obj.members.first()?;
    let at = first.key.range.start as usize;
    let indent = indent_before(ctx.text, at);
    let sep = if indent.is_empty() {
        " ".to_string()
    } else {
        format!("\n{indent}")
    };
    Some(Fix::replace(
        "Add \"Version\": \"2012-10-17\"",
        TextRange::empty(at),
        format!("\"Version\": \"2012-10-17\",{sep}"),
        Applicability::Safe,
    ))
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
                warning[missing-version]: the policy has no "Version": add "Version": "2012-10-17", or policy variables are read as plain text
                 --> a.iam.json:1:1
                   |
                1 | {"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}}
                   | ^
                   = fix: Add "Version": "2012-10-17"

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
