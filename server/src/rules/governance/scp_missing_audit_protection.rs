//! `scp-missing-audit-protection`: The SCP does not protect CloudTrail and GuardDuty.

use crate::diagnostic::Severity;
use crate::rules::{Category, NotesTopic, Rule};

pub static RULE: Rule = Rule {
    id: "scp-missing-audit-protection",
    category: Category::Governance,
    severity: Severity::Hint,
    access_analyzer: &[],
    parliament: &[],
    summary: "The SCP does not protect CloudTrail and GuardDuty",
    docs: "Organizations commonly deny `cloudtrail:StopLogging`, `cloudtrail:DeleteTrail`, `guardduty:DeleteDetector` and \
similar actions in an SCP so that no one in member accounts can turn off audit and detection. This SCP has no \
such Deny; consider adding one (here or in another SCP).",
    example_file: "org.scp.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": ["cloudtrail:StopLogging", "guardduty:DeleteDetector"], "Resource": "*"}]}"#,
    notes_topics: &[NotesTopic::Action("cloudtrail:StopLogging"), NotesTopic::Service("guardduty")],
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
            scp-missing-audit-protection hint 26..37 "\"Statement\"": this SCP does not deny cloudtrail:StopLogging, cloudtrail:DeleteTrail or guardduty:DeleteDetector; if no other SCP does, member accounts can turn off audit and detection
        "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
