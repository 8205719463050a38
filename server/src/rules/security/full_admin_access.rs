//! `full-admin-access`: Allow of every action on every resource.

use crate::diagnostic::Severity;
use crate::rules::{Category, NotesTopic, Rule};

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
            full-admin-access warning 70..73 "\"*\"": "Action": "*" on every resource grants full administrator access
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
