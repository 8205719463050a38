//! `wildcard-in-service`: A wildcard in the service prefix of an action.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::StrValue;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "wildcard-in-service",
    category: Category::Suspicious,
    severity: Severity::Warning,
    access_analyzer: &["WILDCARD_IN_SERVICE_NAME"],
    parliament: &[],
    summary: "A wildcard in the service prefix of an action",
    docs: "A wildcard before the colon (`*:Get*`, `s3*:*`) matches actions of many services, including future ones. Name \
the services explicitly.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*:Describe*", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:Describe*", "Resource": "*"}]}"#,
    checks: &[Check::Walk(Walk::Actions)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, v: &StrValue<'_>, acc: &mut Vec<Diagnostic>) {
    acc.push(ctx.diag(&RULE, v.range(), format!("the wildcard in the service prefix of \"{}\" matches actions of many services, including future ones: name the services", v.text)));
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
                warning[wildcard-in-service]: the wildcard in the service prefix of "*:Describe*" matches actions of many services, including future ones: name the services
                 --> a.iam.json:1:71
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*:Describe*", "Resource": "*"}]}
                   |                                                                       ^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
