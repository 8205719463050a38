//! Principal rules: the form of AWS, Service, Federated and CanonicalUser values, and
//! the assume-role action that fits each principal type in trust policies.

group! {
    invalid_principal,
    principal_unique_id,
    invalid_service_principal,
    invalid_federated_principal,
    trust_action_mismatch,
    trust_missing_session_action,
}

use super::RuleCtx;
use crate::diagnostic::Diagnostic;
use crate::model::{Effect, PrincipalValue, Statement};

/// Identity providers that are not ARNs.
const IDP_DOMAINS: &[&str] = &[
    "cognito-identity.amazonaws.com",
    "accounts.google.com",
    "graph.facebook.com",
    "www.amazon.com",
];

pub(crate) fn check(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    let principals = st.principals();
    for p in &principals {
        match p.kind {
            "*" => invalid_principal::check_string(ctx, p, acc),
            "AWS" => aws(ctx, p, acc),
            "Service" => invalid_service_principal::check(ctx, p, acc),
            "Federated" => {
                super::structure::principal_not_allowed::check_federated(ctx, p, acc);
                invalid_federated_principal::check(ctx, p, acc)
            }
            "CanonicalUser" => invalid_principal::check_canonical_user(ctx, p, acc),
            _ => {} // unknown principal types are reported by the schema
        }
    }
}

fn is_account(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

fn aws(ctx: &RuleCtx<'_>, p: &PrincipalValue<'_>, acc: &mut Vec<Diagnostic>) {
    let v = p.value.text;
    if v == "*" || is_account(v) || principal_unique_id::check(ctx, p, acc) {
        return;
    }
    invalid_principal::check_aws(ctx, p, acc);
}

/// SAML or OIDC, from a Federated principal value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Idp {
    Saml,
    Oidc,
}

fn idp_of(v: &str) -> Option<Idp> {
    if IDP_DOMAINS.contains(&v) {
        return Some(Idp::Oidc);
    }
    let fields: Vec<&str> = v.splitn(6, ':').collect();
    if fields.len() == 6 && fields[0] == "arn" && fields[2] == "iam" {
        if fields[5].starts_with("saml-provider/") {
            return Some(Idp::Saml);
        }
        if fields[5].starts_with("oidc-provider/") {
            return Some(Idp::Oidc);
        }
    }
    None
}

/// A principal as compared across statements: its type and value, lowercase, with an
/// account id written as its root ARN.
fn principal_id(p: &PrincipalValue<'_>) -> (String, String) {
    let v = p.value.text;
    let value = if p.kind == "AWS" && is_account(v) {
        format!("arn:aws:iam::{v}:root")
    } else {
        v.to_ascii_lowercase()
    };
    (p.kind.to_ascii_lowercase(), value)
}

/// Whether some Allow statement of the document allows `action` to `p` (a statement for
/// everyone, `"*"` or `{"AWS": "*"}`, allows it to every principal). Trust policies are
/// read as a whole: AWS documents trust policies that allow `sts:AssumeRole` in one
/// statement and `sts:TagSession` or `sts:SetSourceIdentity` in another for the same
/// principal ("Passing session tags in AWS STS", IAM User Guide,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html).
fn document_allows(ctx: &RuleCtx<'_>, p: &PrincipalValue<'_>, action: &str) -> bool {
    let Some(policy) = ctx.policy else {
        return false;
    };
    let id = principal_id(p);
    policy.statements.iter().any(|st| {
        st.effect() == Some(Effect::Allow)
            && st.principal.is_some()
            && st.principals().iter().any(|q| {
                let qid = principal_id(q);
                qid == id || (q.value.text == "*" && matches!(q.kind, "*" | "AWS"))
            })
            && strings_allow(st, action)
    })
}

/// Whether the statement's Action list matches `action` (NotAction is not read).
fn strings_allow(st: &Statement<'_>, action: &str) -> bool {
    st.action.is_some()
        && crate::model::strings(st.action)
            .iter()
            .any(|a| crate::catalog::wildcard_match(a.text, action))
}
