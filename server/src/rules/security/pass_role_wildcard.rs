//! `pass-role-wildcard`: iam:PassRole on every role.

use crate::diagnostic::Severity;
use crate::rules::{Category, NotesTopic, Rule};

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
    notes_topics: &[NotesTopic::Service("iam")],
    fix: None,
};

#[cfg(test)]
mod tests {
    use crate::rules::tests_util::{check_clean, check_hit};
    use expect_test::expect;

    #[test]
    fn hit() {
        check_hit(
            &super::RULE,
            expect![[r#"
            pass-role-wildcard warning 71..85 "\"iam:PassRole\"": iam:PassRole on every role lets this principal hand any role (admins included) to a service it controls: name the roles in Resource and add iam:PassedToService
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
