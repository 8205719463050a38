//! `action-case`: An action is written with different capitalization than AWS documents.

use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule, Walk};
use crate::syntax::TextRange;

pub static RULE: Rule = Rule {
    id: "action-case",
    category: Category::Style,
    severity: Severity::Hint,
    access_analyzer: &[],
    parliament: &[],
    summary: "An action is written with different capitalization than AWS documents",
    docs: "IAM matches action names case-insensitively, so `s3:getobject` works, but the documented spelling \
(`s3:GetObject`) is easier to read, search and review. The quick fix applies the documented spelling.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:getobject", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
    checks: &[Check::Walk(Walk::Actions)],
    notes_topics: &[],
    fix: Some(Applicability::Safe),
    build_fix: None,
    insert_statement: None,
};

/// The action at `range` is spelt otherwise than `canonical`.
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    canonical: &str,
    range: TextRange,
    acc: &mut Vec<Diagnostic>,
) {
    let mut d = ctx.diag(
        &RULE,
        range,
        format!("AWS spells this action \"{canonical}\" (IAM ignores case, so this works)"),
    );
    d.fixes.push(Fix::replace(
        format!("Change to \"{canonical}\""),
        range,
        canonical.to_string(),
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
                hint[action-case]: AWS spells this action "s3:GetObject" (IAM ignores case, so this works)
                 --> a.iam.json:1:72
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:getobject", "Resource": "*"}]}
                   |                                                                        ^^^^^^^^^^^^
                   = fix: Change to "s3:GetObject"

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
