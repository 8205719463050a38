//! `variables-need-version`: Policy variables in a policy without Version 2012-10-17.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model;
use crate::model::Policy;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule, Walk};
use crate::syntax::{Node, TextRange};

pub static RULE: Rule = Rule {
    id: "variables-need-version",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["VARIABLE_UNSUPPORTED_IN_VERSION"],
    parliament: &[],
    summary: "Policy variables in a policy without Version 2012-10-17",
    docs: "Policy variables are only expanded under `\"Version\": \"2012-10-17\"`. With the 2008 grammar or no Version, \
`${aws:username}` is matched as literal text, so the statement never applies as intended. Set the Version to \
2012-10-17.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*"}]}"#,
    checks: &[Check::Walk(Walk::Variables)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// Variables (at `vars`) in a policy without `"Version": "2012-10-17"`.
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    policy: &Policy<'_>,
    version_ok: bool,
    vars: &[TextRange],
    acc: &mut Vec<Diagnostic>,
) {
    if !version_ok {
        for r in vars {
            acc.push(ctx.diag(&RULE, *r, version_message(policy)));
        }
    }
}

pub(crate) fn version_message(policy: &Policy<'_>) -> String {
    match model::value(policy.version).and_then(Node::as_str) {
        Some(v) => format!("policy variables need \"Version\": \"2012-10-17\"; under \"{v}\" this is matched as literal text"),
        None => "policy variables need \"Version\": \"2012-10-17\"; without a Version this is matched as literal text".to_string(),
    }
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
                error[variables-need-version]: policy variables need "Version": "2012-10-17"; under "2008-10-17" this is matched as literal text
                 --> a.iam.json:1:115
                   |
                1 | {"Version": "2008-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:username}/*"}]}
                   |                                                                                                                   ^^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
