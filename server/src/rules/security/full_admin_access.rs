//! `full-admin-access`: Allow of every action on every resource.

use super::resources_all;
use super::Allow;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::DocKind;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, NotesTopic, Rule};

pub static RULE: Rule = Rule {
    id: "full-admin-access",
    category: Category::Security,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &[],
    summary: "Allow of every action on every resource",
    docs: "`\"Action\": \"*\"` with `\"Resource\": \"*\"` grants full administrator access. Grant the actions that the \
workload needs; use the AWS managed `AdministratorAccess` policy deliberately if you really mean it.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#,
    checks: &[Check::Allow(check)],
    notes_topics: &[NotesTopic::Service("iam")],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn check(ctx: &RuleCtx<'_>, s: &Allow<'_, '_>, acc: &mut Vec<Diagnostic>) {
    if !s.star_action
        || !resources_all(s.st)
        || !matches!(s.kind, DocKind::Identity | DocKind::Scp)
        || s.st.condition.is_some()
    {
        return;
    }
    if let Some(a) = s.actions.iter().find(|a| a.text == "*") {
        acc.push(ctx.diag(
            &RULE,
            a.range(),
            "\"Action\": \"*\" on every resource grants full administrator access".to_string(),
        ));
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
                warning[full-admin-access]: "Action": "*" on every resource grants full administrator access
                 --> a.iam.json:1:71
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
                   |                                                                       ^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
