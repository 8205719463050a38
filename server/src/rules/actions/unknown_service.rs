//! `unknown-service`: An action's service prefix is not a known AWS service.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::rules::did_you_mean;
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule, Walk};
use crate::syntax::TextRange;

pub static RULE: Rule = Rule {
    id: "unknown-service",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["INVALID_SERVICE_IN_ACTION", "INVALID_SERVICE"],
    parliament: &["UNKNOWN_PREFIX"],
    summary: "An action's service prefix is not a known AWS service",
    docs: "The part before the colon in an action (`s3` in `s3:GetObject`) must be an AWS service prefix. An unknown prefix \
is usually a typo (`s33`, `ec22`) or a product name instead of the prefix (`cloudwatch-logs` instead of `logs`). The \
message gives the date of the catalog so you can tell a typo from a service newer than the data; the quick fix \
replaces it with the closest known prefix.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s33:GetObject", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}"#,
    checks: &[Check::Walk(Walk::Actions)],
    notes_topics: &[],
    fix: Some(Applicability::Safe),
    build_fix: None,
    insert_statement: None,
};

/// `prefix` (at `range`) is no service of the catalog.
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    prefix: &str,
    range: TextRange,
    date: &str,
    acc: &mut Vec<Diagnostic>,
) {
    let mut d = ctx.diag(
        &RULE,
        range,
        format!("service prefix \"{prefix}\" is not in the catalog of {date}: if it is new or retired, add its actions to [catalog] extra-actions"),
    );
    // Without a close match this is more likely a service the catalog lacks (newer,
    // or retired but still in deployed policies) than a typo: a warning.
    did_you_mean(
        &mut d,
        prefix,
        ctx.catalog.suggest_service(prefix),
        |s| {
            format!(
                "unknown service prefix \"{prefix}\": did you mean \"{s}\"? (catalog of {date})"
            )
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
                error[unknown-service]: unknown service prefix "s33": did you mean "s3"? (catalog of 2026-09-26)
                 --> a.iam.json:1:72
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s33:GetObject", "Resource": "*"}]}
                   |                                                                        ^^^
                   = fix: Change to "s3"

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
