//! `audit-tampering`: Actions that can blind your audit and threat detection.

use super::Allow;
use super::{explicit, is_everyone, resources_all};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::DocKind;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, NotesTopic, Rule};

pub static RULE: Rule = Rule {
    id: "audit-tampering",
    category: Category::Security,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &[],
    summary: "Actions that can blind your audit and threat detection",
    docs: "`cloudtrail:StopLogging`, `DeleteTrail`, `UpdateTrail`, `PutEventSelectors`, `guardduty:DeleteDetector`, \
`UpdateDetector`, `DisassociateFromAdministratorAccount`, `config:StopConfigurationRecorder`, `config:Delete*`, \
`securityhub:Disable*`, `access-analyzer:DeleteAnalyzer` and `inspector2:Disable*` let an attacker turn off the logs \
and detectors that would reveal them. Grant them only to a few named administrators on named resources, and deny \
them in an SCP.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["cloudtrail:StopLogging"], "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["cloudtrail:LookupEvents"], "Resource": "*"}]}"#,
    checks: &[Check::Allow(check)],
    notes_topics: &[NotesTopic::Action("cloudtrail:StopLogging"), NotesTopic::Service("guardduty")],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

const AUDIT_ACTIONS: &[&str] = &[
    "cloudtrail:StopLogging",
    "cloudtrail:DeleteTrail",
    "cloudtrail:UpdateTrail",
    "cloudtrail:PutEventSelectors",
    "guardduty:DeleteDetector",
    "guardduty:UpdateDetector",
    "guardduty:DisassociateFromAdministratorAccount",
    "guardduty:DisassociateFromMasterAccount",
    "guardduty:DeleteMembers",
    "guardduty:StopMonitoringMembers",
    "config:StopConfigurationRecorder",
    "config:DeleteConfigurationRecorder",
    "config:DeleteDeliveryChannel",
    "securityhub:DisableSecurityHub",
    "securityhub:DisableImportFindingsForProduct",
    "access-analyzer:DeleteAnalyzer",
    "inspector2:Disable",
];

/// Explicit (or service-wide) grants of audit actions on `*` or to broad principals.
pub(crate) fn check(ctx: &RuleCtx<'_>, s: &Allow<'_, '_>, acc: &mut Vec<Diagnostic>) {
    let broad = s.principals.iter().any(is_everyone);
    if !((s.kind == DocKind::Identity && resources_all(s.st)) || broad) {
        return;
    }
    for v in explicit(s.st, AUDIT_ACTIONS) {
        acc.push(ctx.diag(&RULE, v.range(), format!("\"{}\" can turn off audit logging or threat detection: grant it only to named administrators on named resources", v.text)));
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
                warning[audit-tampering]: "cloudtrail:StopLogging" can turn off audit logging or threat detection: grant it only to named administrators on named resources
                 --> a.iam.json:1:72
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["cloudtrail:StopLogging"], "Resource": "*"}]}
                   |                                                                        ^^^^^^^^^^^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
