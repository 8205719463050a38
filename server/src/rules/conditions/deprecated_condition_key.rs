//! `deprecated-condition-key`: A deprecated condition key.

use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix};
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule, Walk};
use crate::syntax::TextRange;

pub static RULE: Rule = Rule {
    id: "deprecated-condition-key",
    category: Category::Suspicious,
    severity: Severity::Warning,
    access_analyzer: &["DEPRECATED_GLOBAL_CONDITION_KEY", "UNSUPPORTED_GLOBAL_CONDITION_KEY"],
    parliament: &[],
    summary: "A deprecated condition key",
    docs: "Some global keys are deprecated and may be absent from requests: use `aws:PrincipalArn` or `aws:SourceArn` instead \
of `aws:ARN`, and `aws:SourceAccount` instead of `aws:SourceOwner`.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceOwner": "111122223333"}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceAccount": "111122223333"}}}]}"#,
    checks: &[Check::Walk(Walk::Conditions)],
    notes_topics: &[],
    fix: Some(Applicability::Unsafe),
    build_fix: None,
    insert_statement: None,
};

/// Reports a deprecated or unsupported key; true when it did.
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    key: &str,
    range: TextRange,
    acc: &mut Vec<Diagnostic>,
) -> bool {
    if let Some(dep) = ctx.catalog.deprecated_key(key) {
        let mut d = ctx.diag(
            &RULE,
            range,
            format!("\"{key}\" is deprecated: use {}", dep.replacement),
        );
        if let Some(first) = dep
            .replacement
            .split_whitespace()
            .next()
            .filter(|r| r.contains(':'))
        {
            d.fixes.push(Fix::replace(
                format!("Change to \"{first}\""),
                range,
                format!("\"{first}\""),
                Applicability::Unsafe,
            ));
        }
        acc.push(d);
        return true;
    }
    if key.eq_ignore_ascii_case("aws:ARN") {
        acc.push(ctx.diag(&RULE, range, "\"aws:ARN\" is not supported: use aws:PrincipalArn for the caller or aws:SourceArn for the calling resource".to_string()));
        return true;
    }
    false
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
                warning[deprecated-condition-key]: "aws:SourceOwner" is deprecated: use aws:SourceAccount
                 --> a.iam.json:1:135
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEquals": {"aws:SourceOwner": "111122223333"}}}]}
                   |                                                                                                                                       ^^^^^^^^^^^^^^^^^
                   = fix: Change to "aws:SourceAccount"

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
