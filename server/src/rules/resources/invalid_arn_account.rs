//! `invalid-arn-account`: The account field of an ARN is not a 12-digit account id, or the service takes none.

use super::{example, is_open};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule, Walk};
use crate::syntax::TextRange;

pub static RULE: Rule = Rule {
    id: "invalid-arn-account",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["INVALID_ARN_ACCOUNT", "ARN_ACCOUNT_NOT_ALLOWED"],
    parliament: &["INVALID_ARN"],
    summary: "The account field of an ARN is not a 12-digit account id, or the service takes none",
    docs: "The fifth field of an ARN is the 12-digit account id (or a wildcard or policy variable). Some services' ARNs have \
no account field at all: S3 buckets and objects are `arn:aws:s3:::bucket/key`. A wrong account id never matches.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:11112222333:q"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:q"}]}"#,
    checks: &[Check::Walk(Walk::Resources)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// The account field of an ARN of `service`; true when it is good.
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    range: TextRange,
    service: &str,
    account: &str,
    (_, any_account, known): (bool, bool, bool),
    acc: &mut Vec<Diagnostic>,
) -> bool {
    if !account.is_empty() && !is_open(account) {
        let ok_form = (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()))
            || account == "aws";
        if !ok_form {
            let digits = account.bytes().filter(u8::is_ascii_digit).count();
            let what = if account.bytes().all(|b| b.is_ascii_digit()) {
                format!("has {digits} digits")
            } else {
                "is not a number".to_string()
            };
            acc.push(ctx.diag(
                &RULE,
                range,
                format!("account id \"{account}\" {what}: account ids have exactly 12 digits"),
            ));
            return false;
        }
        if known && !any_account && account != "aws" {
            acc.push(ctx.diag(
                &RULE,
                range,
                format!(
                    "{service} ARNs have no account id: leave the field empty ({})",
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
                error[invalid-arn-account]: account id "11112222333" has 11 digits: account ids have exactly 12 digits
                 --> a.iam.json:1:102
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:11112222333:q"}]}
                   |                                                                                                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
