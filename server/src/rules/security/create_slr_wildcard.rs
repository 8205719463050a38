//! `create-slr-wildcard`: iam:CreateServiceLinkedRole on every service.

use super::Allow;
use super::{explicit, resources_all};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::DocKind;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule};

pub static RULE: Rule = Rule {
    id: "create-slr-wildcard",
    category: Category::Suspicious,
    severity: Severity::Warning,
    access_analyzer: &["CREATE_SLR_WITH_STAR_IN_RESOURCE", "CREATE_SLR_WITH_NOT_RESOURCE", "CREATE_SLR_WITH_STAR_IN_ACTION_AND_RESOURCE", "CREATE_SLR_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", "CREATE_SLR_WITH_NOT_ACTION_AND_NOT_RESOURCE", "CREATE_SLR_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"],
    parliament: &[],
    summary: "iam:CreateServiceLinkedRole on every service",
    docs: "`iam:CreateServiceLinkedRole` on `*` lets the principal create service-linked roles for any service. Limit it \
with `iam:AWSServiceName` or to the role ARNs of the services you use.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:CreateServiceLinkedRole"], "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:CreateServiceLinkedRole"], "Resource": "*", "Condition": {"StringEquals": {"iam:AWSServiceName": "autoscaling.amazonaws.com"}}}]}"#,
    checks: &[Check::Allow(check)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, s: &Allow<'_, '_>, acc: &mut Vec<Diagnostic>) {
    if !matches!(s.kind, DocKind::Identity) || !resources_all(s.st) || s.star_action {
        return;
    }
    let slr = explicit(s.st, &["iam:CreateServiceLinkedRole"]);
    let limited =
        s.st.conditions()
            .iter()
            .any(|c| c.key.key.text.eq_ignore_ascii_case("iam:AWSServiceName"));
    if let (Some(v), false) = (slr.first(), limited) {
        acc.push(ctx.diag(&RULE, v.range(), "iam:CreateServiceLinkedRole on \"*\" can create service-linked roles for any service: add an iam:AWSServiceName condition".to_string()));
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
                warning[create-slr-wildcard]: iam:CreateServiceLinkedRole on "*" can create service-linked roles for any service: add an iam:AWSServiceName condition
                 --> a.iam.json:1:72
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:CreateServiceLinkedRole"], "Resource": "*"}]}
                   |                                                                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
