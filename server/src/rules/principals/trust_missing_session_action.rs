//! `trust-missing-session-action`: A trust policy conditions on session tags or source identity without allowing the action that sets them.

use crate::diagnostic::Severity;
use crate::rules::{Category, Rule};

pub static RULE: Rule = Rule {
    id: "trust-missing-session-action",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["MISSING_ACTION_FOR_CONDITION_KEY", "MISSING_ACTION_FOR_ROLES_ANYWHERE_TRUST_POLICY"],
    parliament: &[],
    summary: "A trust policy conditions on session tags or source identity without allowing the action that sets them",
    docs: "Session tags (`aws:RequestTag/…`, `aws:TagKeys`, `sts:TransitiveTagKeys`) are passed with `sts:TagSession`, and a \
source identity (`sts:SourceIdentity`) with `sts:SetSourceIdentity`; IAM Roles Anywhere needs `sts:AssumeRole`, \
`sts:TagSession` and `sts:SetSourceIdentity`. When the trust policy does not allow that action too, assuming the \
role with tags or a source identity fails.",
    example_file: "role-trust.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/ci"}, "Action": "sts:AssumeRole", "Condition": {"StringEquals": {"aws:RequestTag/team": "data"}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:role/ci"}, "Action": ["sts:AssumeRole", "sts:TagSession"], "Condition": {"StringEquals": {"aws:RequestTag/team": "data"}}}]}"#,
    notes_topics: &[],
    fix: None,
    build_fix: None,
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
            trust-missing-session-action error 119..127 "\"Action\"": the condition on "aws:RequestTag/team" needs session tags: also allow "sts:TagSession" (in this statement or another one for the same principals)
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
