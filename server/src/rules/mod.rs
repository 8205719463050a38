//! The rule registry: every diagnostic the checker can emit has an entry here with a
//! stable id, a default severity, its Access Analyzer / Parliament counterparts and
//! its documentation. Ids are kebab-case and never reused.

pub(crate) mod actions;
mod ctx;
pub use ctx::RuleCtx;
pub mod conditions;
pub mod coverage;
mod policy_service;
mod principals;
pub(crate) mod privilege_escalation;
mod registry;
mod resources;
mod security;
pub(crate) mod structure;
mod variables;

use crate::diagnostic::Diagnostic;

/// The catalog-driven rules (actions, resources, principals, conditions, variables).
pub(crate) fn semantic(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(policy) = ctx.policy else { return };
    for st in &policy.statements {
        actions::check(ctx, st, acc);
        resources::check(ctx, st, acc);
        principals::check(ctx, st, acc);
        conditions::check(ctx, st, acc);
        security::check_statement(ctx, st, acc);
    }
    variables::check(ctx, acc);
    policy_service::check(ctx, acc);
    security::check_document(ctx, acc);
    privilege_escalation::check_document(ctx, acc);
}

pub use registry::{rule, rule_by_any_name, Category, RuleMeta, RULES};

#[cfg(test)]
mod tests;

/// What the notes say about the risk a rule guards against: the topic to look up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotesTopic {
    Service(&'static str),
    Action(&'static str),
    Key(&'static str),
}

/// The notes topics of the security and governance rules (shown by `explain`).
pub fn notes_topics(rule: &str) -> &'static [NotesTopic] {
    use NotesTopic::{Action, Key, Service};
    match rule {
        "kms-broad-key-admin" | "kms-no-root-admin" | "kms-admin-and-use" => {
            &[Action("kms:PutKeyPolicy"), Service("kms")]
        }
        "kms-cross-account-unconstrained" => &[Key("kms:ViaService"), Service("kms")],
        "s3-missing-secure-transport" => &[Key("aws:SecureTransport"), Service("s3")],
        "s3-missing-required-encryption" | "s3-public-read-with-kms" => {
            &[Key("s3:x-amz-server-side-encryption"), Service("kms")]
        }
        "s3-broad-full-access" | "public-access" => &[Key("aws:PrincipalOrgID"), Service("s3")],
        "audit-tampering" | "scp-missing-audit-protection" => {
            &[Action("cloudtrail:StopLogging"), Service("guardduty")]
        }
        "oidc-trust-unconstrained" => &[Key("token.actions.githubusercontent.com:sub")],
        "pass-role-wildcard" | "privilege-escalation" | "full-admin-access" => &[Service("iam")],
        "forallvalues-with-allow"
        | "set-operator-on-single-valued-key"
        | "missing-set-operator" => &[Key("aws:TagKeys")],
        _ => &[],
    }
}
