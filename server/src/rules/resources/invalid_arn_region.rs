//! `invalid-arn-region`: The region field of an ARN is not a region, or the service takes none.

use super::{example, is_open};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule, Walk};
use crate::syntax::TextRange;

pub static RULE: Rule = Rule {
    id: "invalid-arn-region",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["ARN_REGION_NOT_ALLOWED", "INVALID_ARN_REGION"],
    parliament: &["INVALID_ARN"],
    summary: "The region field of an ARN is not a region, or the service takes none",
    docs: "The fourth field of an ARN is the Region (`us-east-1`), a wildcard, a policy variable, or empty for global \
services such as IAM and S3 buckets. A region where the service's ARNs have none, or a value that is not a Region \
name, never matches.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam:us-east-1:111122223333:role/app"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:q"}]}"#,
    checks: &[Check::Walk(Walk::Resources)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// The Region field of an ARN of `service`; true when it is good.
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    range: TextRange,
    service: &str,
    region: &str,
    (any_region, _, known): (bool, bool, bool),
    acc: &mut Vec<Diagnostic>,
) -> bool {
    if !region.is_empty() && !is_open(region) {
        if !crate::catalog::is_region(region) {
            acc.push(ctx.diag(
                &RULE,
                range,
                format!("\"{region}\" is not an AWS Region name (like us-east-1)"),
            ));
            return false;
        }
        if known && !any_region {
            acc.push(ctx.diag(
                &RULE,
                range,
                format!(
                    "{service} ARNs have no Region: leave the field empty ({})",
                    example(service)
                ),
            ));
            return false;
        }
    }
    true
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
                error[invalid-arn-region]: iam ARNs have no Region: leave the field empty (arn:aws:iam::111122223333:role/name)
                 --> a.iam.json:1:99
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam:us-east-1:111122223333:role/app"}]}
                   |                                                                                                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
