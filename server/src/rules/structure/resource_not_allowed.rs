//! `resource-not-allowed`: Resource in a role trust policy.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::DocKind;
use crate::model::Statement;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "resource-not-allowed",
    category: Category::Structure,
    severity: Severity::Error,
    access_analyzer: &["ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE"],
    parliament: &["MALFORMED"],
    summary: "Resource in a role trust policy",
    docs: "A role trust policy always applies to the role it is attached to, so `Resource` and `NotResource` are rejected \
there. Remove the element.",
    example_file: "role-trust.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}"#,
    checks: &[Check::Statement(check)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    if ctx.kind.kind != DocKind::Trust {
        return;
    }
    for m in [st.resource, st.not_resource].into_iter().flatten() {
        acc.push(ctx.diag(&RULE, m.key.range, format!("a role trust policy cannot have \"{}\": the role it is attached to is the resource", m.key.text)));
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
                error[resource-not-allowed]: a role trust policy cannot have "Resource": the role it is attached to is the resource
                 --> role-trust.json:1:136
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "Resource": "*"}]}
                   |                                                                                                                                        ^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
