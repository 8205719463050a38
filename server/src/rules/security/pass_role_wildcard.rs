//! `pass-role-wildcard`: iam:PassRole on every role.

use super::Allow;
use super::{covered, explicit, resources_all};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::DocKind;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, NotesTopic, Rule};

pub static RULE: Rule = Rule {
    id: "pass-role-wildcard",
    category: Category::Security,
    severity: Severity::Warning,
    access_analyzer: &["PASS_ROLE_WITH_STAR_IN_RESOURCE", "PASS_ROLE_WITH_NOT_RESOURCE", "PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", "PASS_ROLE_WITH_STAR_IN_ACTION_AND_NOT_RESOURCE", "PASS_ROLE_WITH_NOT_ACTION_AND_NOT_RESOURCE", "PASS_ROLE_WITH_STAR_IN_RESOURCE_AND_NOT_ACTION"],
    parliament: &[],
    summary: "iam:PassRole on every role",
    docs: "`iam:PassRole` on `*` lets the principal hand any role, including administrator roles, to a service it controls \
(EC2, Lambda, CloudFormation, …) and act with that role's permissions. Name the roles in `Resource`, and add \
`iam:PassedToService`.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:PassRole"], "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:PassRole"], "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "lambda.amazonaws.com"}}}]}"#,
    checks: &[Check::Allow(check)],
    notes_topics: &[NotesTopic::Service("iam")],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// iam:PassRole on `*` without iam:PassedToService.
pub(crate) fn check(ctx: &RuleCtx<'_>, s: &Allow<'_, '_>, acc: &mut Vec<Diagnostic>) {
    if !matches!(s.kind, DocKind::Identity)
        || !resources_all(s.st)
        || covered(s.st, &["iam:PassRole"]).is_empty()
        || s.star_action
    {
        return;
    }
    let passed_to =
        s.st.conditions()
            .iter()
            .any(|c| c.key.key.text.eq_ignore_ascii_case("iam:PassedToService"));
    if passed_to {
        return;
    }
    let at = explicit(s.st, &["iam:PassRole"])
        .first()
        .map(|v| v.range())
        .or_else(|| s.st.action.or(s.st.not_action).map(|m| m.key.range));
    if let Some(r) = at {
        acc.push(ctx.diag(&RULE, r, "iam:PassRole on every role lets this principal hand any role (admins included) to a service it controls: name the roles in Resource and add iam:PassedToService".to_string()));
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
                warning[pass-role-wildcard]: iam:PassRole on every role lets this principal hand any role (admins included) to a service it controls: name the roles in Resource and add iam:PassedToService
                 --> a.iam.json:1:72
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:PassRole"], "Resource": "*"}]}
                   |                                                                        ^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
