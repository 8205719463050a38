//! `scp-missing-audit-protection`: The SCP does not protect CloudTrail and GuardDuty.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::DocKind;
use crate::model::Effect;
use crate::rules::security::covered;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, NotesTopic, Rule};

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
    checks: &[Check::Document(check)],
    notes_topics: &[NotesTopic::Action("cloudtrail:StopLogging"), NotesTopic::Service("guardduty")],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// An SCP that does not deny turning off CloudTrail and GuardDuty.
pub(crate) fn check(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some((policy, anchor)) = crate::rules::security::document_anchor(ctx) else {
        return;
    };
    if ctx.kind.kind != DocKind::Scp {
        return;
    }
    let protects = policy.statements.iter().any(|st| {
        st.effect() == Some(Effect::Deny)
            && !covered(st, &["cloudtrail:StopLogging", "guardduty:DeleteDetector"]).is_empty()
    });
    if !protects {
        acc.push(ctx.diag(&RULE, anchor, "this SCP does not deny cloudtrail:StopLogging, cloudtrail:DeleteTrail or guardduty:DeleteDetector; if no other SCP does, member accounts can turn off audit and detection".to_string()));
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
                hint[scp-missing-audit-protection]: this SCP does not deny cloudtrail:StopLogging, cloudtrail:DeleteTrail or guardduty:DeleteDetector; if no other SCP does, member accounts can turn off audit and detection
                 --> org.scp.json:1:27
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "organizations:LeaveOrganization", "Resource": "*"}]}
                   |                           ^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
