//! `condition-key-not-supported`: A service condition key that none of the statement's actions supports.

use crate::catalog::{has_wildcard, KeyInfo};
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model::{ConditionEntry, Statement};
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule, Walk};

pub static RULE: Rule = Rule {
    id: "condition-key-not-supported",
    category: Category::Correctness,
    severity: Severity::Warning,
    access_analyzer: &["UNSUPPORTED_ACTION_FOR_CONDITION_KEY"],
    parliament: &["UNKNOWN_CONDITION_FOR_ACTION"],
    summary: "A service condition key that none of the statement's actions supports",
    docs: "Service-specific condition keys are only present for the actions (and resource types) that document them. When no \
action of the statement supports the key, the condition never matches (or, with `IfExists` / `Not` operators, always \
does). Global `aws:` keys are not checked.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"StringEquals": {"s3:prefix": "home/"}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*", "Condition": {"StringEquals": {"s3:prefix": "home/"}}}]}"#,
    checks: &[Check::Walk(Walk::Conditions)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// A service key that none of the statement's actions supports.
pub(crate) fn check(
    ctx: &RuleCtx<'_>,
    st: &Statement<'_>,
    c: &ConditionEntry<'_>,
    info: &KeyInfo,
    acc: &mut Vec<Diagnostic>,
) {
    let Some(service) = info.service.as_deref() else {
        return;
    };
    if CROSS_SERVICE_KEYS
        .iter()
        .any(|k| k.eq_ignore_ascii_case(&info.name))
    {
        return;
    }
    let (actions, is_not) = st.action_values();
    if is_not || actions.is_empty() {
        return;
    }
    let key = c.key.key.text.as_str();
    let mut any_of_service = false;
    for a in &actions {
        let Some((p, n)) = crate::catalog::split_colon(a.text) else {
            return;
        };
        if a.text == "*" || has_wildcard(p) {
            return;
        }
        let own = p.eq_ignore_ascii_case(service);
        any_of_service |= own;
        // Actions of other services may list the key too: sts:AssumeRole lists
        // iam:ResourceTag/${TagKey} (the role's tags).
        if has_wildcard(n) {
            if ctx
                .catalog
                .match_actions(a.text)
                .iter()
                .any(|(s, act)| ctx.catalog.action_supports_key(&s.prefix, &act.name, key))
            {
                return;
            }
        } else if (own && ctx.catalog.action(p, n).is_none())
            || ctx.catalog.action_supports_key(p, n, key)
        {
            return;
        }
    }
    let msg = if any_of_service {
        format!("none of this statement's {service} actions supports \"{key}\", so the condition never matches for them")
    } else {
        format!("\"{key}\" is a {service} key, but this statement has no {service} actions: it never matches")
    };
    acc.push(ctx.diag(&RULE, c.key.key.range, msg));
}

/// Service-prefixed keys that AWS adds to every request made with certain credentials
/// (instance roles, Glue and Lambda execution roles), whatever the action: they are
/// documented with the global condition keys, not per action.
const CROSS_SERVICE_KEYS: &[&str] = &[
    "ec2:RoleDelivery",
    "ec2:SourceInstanceARN",
    "glue:RoleAssumedBy",
    "glue:CredentialIssuingService",
    "lambda:SourceFunctionArn",
    "ssm:SourceInstanceARN",
    "identitystore:UserId",
];

#[cfg(test)]
mod tests {
    use crate::rules::tests_util::{check_clean, check_hit};
    use expect_test::expect;

    #[test]
    fn hit() {
        check_hit(
            &super::RULE,
            expect![[r#"
                warning[condition-key-not-supported]: "s3:prefix" is a s3 key, but this statement has no s3 actions: it never matches
                 --> a.iam.json:1:138
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "*", "Condition": {"StringEquals": {"s3:prefix": "home/"}}}]}
                   |                                                                                                                                          ^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
