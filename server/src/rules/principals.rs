//! Principal rules: the form of AWS, Service, Federated and CanonicalUser values, and
//! the assume-role action that fits each principal type in trust policies.

pub mod invalid_federated_principal;
pub mod invalid_principal;
pub mod invalid_service_principal;
pub mod principal_unique_id;
pub mod trust_action_mismatch;
pub mod trust_missing_session_action;

use super::RuleCtx;
use crate::catalog::has_wildcard;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::model::{DocKind, Effect, PrincipalValue, Statement};
use crate::rules::resources::PARTITIONS;

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
            "*" => {
                if p.value.text != "*" {
                    acc.push(ctx.diag(&invalid_principal::RULE, p.value.range(), format!("a Principal given as a string must be \"*\"; for \"{}\" use an object such as {{\"AWS\": \"...\"}}", p.value.text)));
                }
            }
            "AWS" => aws(ctx, p, acc),
            "Service" => service(ctx, p, acc),
            "Federated" => {
                if matches!(
                    ctx.kind.kind,
                    DocKind::S3Bucket | DocKind::KmsKey | DocKind::Resource
                ) {
                    acc.push(ctx.diag(&super::structure::principal_not_allowed::RULE, p.kind_range, format!("Federated principals are only supported in role trust policies, not in {}: federated users act through a role, so name that role here", ctx.kind.kind.title())));
                }
                federated(ctx, p, acc)
            }
            "CanonicalUser" => {
                let v = p.value.text;
                if !(v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit())) && v != "*" {
                    acc.push(ctx.diag(
                        &invalid_principal::RULE,
                        p.value.range(),
                        format!("\"{v}\" is not an S3 canonical user id (64 hexadecimal digits)"),
                    ));
                }
            }
            _ => {} // unknown principal types are reported by the schema
        }
    }
    if ctx.kind.kind == DocKind::Trust
        && st.effect() == Some(Effect::Allow)
        && st.principal.is_some()
    {
        trust_actions(ctx, st, &principals, acc);
        session_actions(ctx, st, &principals, acc);
    }
}

fn is_account(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

fn aws(ctx: &RuleCtx<'_>, p: &PrincipalValue<'_>, acc: &mut Vec<Diagnostic>) {
    let v = p.value.text;
    let range = p.value.range();
    if v == "*" || is_account(v) {
        return;
    }
    // Unique ids of deleted users and roles: AROA…, AIDA…
    if v.len() == 21
        && (v.starts_with("AROA") || v.starts_with("AIDA"))
        && v.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        let what = if v.starts_with("AROA") {
            "role"
        } else {
            "user"
        };
        acc.push(ctx.diag(&principal_unique_id::RULE, range, format!("\"{v}\" is the unique id of a deleted {what}: the policy no longer applies to anyone; put the current ARN here")));
        return;
    }
    if !v.starts_with("arn:") {
        let digits = v.bytes().filter(u8::is_ascii_digit).count();
        let msg = if v.bytes().all(|b| b.is_ascii_digit()) {
            format!("account id \"{v}\" has {digits} digits: account ids have exactly 12")
        } else {
            format!("\"{v}\" is not an AWS principal: use \"*\", a 12-digit account id or an IAM ARN such as arn:aws:iam::111122223333:role/name")
        };
        acc.push(ctx.diag(&invalid_principal::RULE, range, msg));
        return;
    }
    let fields: Vec<&str> = v.splitn(6, ':').collect();
    if fields.len() < 6 || !PARTITIONS.contains(&fields[1]) || !matches!(fields[2], "iam" | "sts") {
        acc.push(ctx.diag(&invalid_principal::RULE, range, format!("\"{v}\" is not an IAM principal ARN: use arn:aws:iam::ACCOUNT:root, …:role/NAME, …:user/NAME or arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION")));
        return;
    }
    if has_wildcard(v) {
        acc.push(ctx.diag(&invalid_principal::RULE, range, format!("wildcards are not allowed in principal ARNs (\"{v}\"): use \"*\" with a condition on aws:PrincipalArn (ArnLike) instead")));
        return;
    }
    if !fields[3].is_empty() {
        acc.push(ctx.diag(
            &invalid_principal::RULE,
            range,
            format!("IAM principal ARNs have no Region: \"{v}\""),
        ));
        return;
    }
    if !is_account(fields[4]) {
        acc.push(ctx.diag(
            &invalid_principal::RULE,
            range,
            format!(
                "account id \"{}\" in \"{v}\" must have exactly 12 digits",
                fields[4]
            ),
        ));
        return;
    }
    let res = fields[5];
    let ok = match fields[2] {
        "iam" => {
            res == "root"
                || ["user/", "role/", "federated-user/"]
                    .iter()
                    .any(|p| res.starts_with(p))
        }
        _ => res.starts_with("assumed-role/") || res.starts_with("federated-user/"),
    };
    if !ok {
        acc.push(ctx.diag(&invalid_principal::RULE, range, format!("\"{res}\" is not a principal: principals are root, user/…, role/… or (sts) assumed-role/…; groups cannot be principals")));
    }
}

fn service(ctx: &RuleCtx<'_>, p: &PrincipalValue<'_>, acc: &mut Vec<Diagnostic>) {
    let v = p.value.text;
    let range = p.value.range();
    let suffix_ok = [
        ".amazonaws.com",
        ".amazonaws.com.cn",
        ".amazonaws.com.cn",
        ".c2s.ic.gov",
        ".sc2s.sgov.gov",
        ".api.aws",
    ]
    .iter()
    .any(|s| v.ends_with(s));
    let chars_ok = v
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-');
    if !suffix_ok || !chars_ok {
        let mut d = ctx.diag(
            &invalid_service_principal::RULE,
            range,
            format!("\"{v}\" is not a service principal: they look like \"lambda.amazonaws.com\""),
        );
        if let Some(s) = crate::suggest::best(
            v,
            ctx.catalog.service_principals().iter().map(String::as_str),
        ) {
            d.message = format!("\"{v}\" is not a service principal: did you mean \"{s}\"?");
            d.fixes.push(Fix::replace(
                format!("Change to \"{s}\""),
                p.value.node.inner_range(),
                s,
                Applicability::Safe,
            ));
        }
        acc.push(d);
        return;
    }
    if ctx.catalog.is_known_service_principal(v) {
        return;
    }
    // Unknown but well-formed: report only a likely typo of a known one.
    if let Some(s) = crate::suggest::best(
        v,
        ctx.catalog.service_principals().iter().map(String::as_str),
    ) {
        let mut d = ctx.diag(
            &invalid_service_principal::RULE,
            range,
            format!("unknown service principal \"{v}\": did you mean \"{s}\"?"),
        );
        d.severity = Severity::Warning;
        d.fixes.push(Fix::replace(
            format!("Change to \"{s}\""),
            p.value.node.inner_range(),
            s,
            Applicability::Safe,
        ));
        acc.push(d);
    }
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

fn federated(ctx: &RuleCtx<'_>, p: &PrincipalValue<'_>, acc: &mut Vec<Diagnostic>) {
    let v = p.value.text;
    if idp_of(v).is_none() {
        acc.push(ctx.diag(&invalid_federated_principal::RULE, p.value.range(), format!("\"{v}\" is not an identity provider: use arn:aws:iam::ACCOUNT:saml-provider/NAME, arn:aws:iam::ACCOUNT:oidc-provider/HOST, or cognito-identity.amazonaws.com, accounts.google.com, graph.facebook.com, www.amazon.com")));
    }
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

fn trust_actions(
    ctx: &RuleCtx<'_>,
    st: &Statement<'_>,
    principals: &[PrincipalValue<'_>],
    acc: &mut Vec<Diagnostic>,
) {
    let (actions, is_not) = st.action_values();
    if is_not || actions.is_empty() || actions.iter().any(|a| has_wildcard(a.text)) {
        return;
    }
    let lower: Vec<String> = actions
        .iter()
        .map(|a| a.text.to_ascii_lowercase())
        .collect();
    let has = |name: &str| lower.iter().any(|a| a == name);
    let has_assume = lower.iter().any(|a| a.starts_with("sts:assumerole"));
    // need -> (who, whether every principal needing it is allowed it by another statement)
    let mut needs: Vec<(&str, &str, bool)> = Vec::new();
    for p in principals {
        let (need, who) = match p.kind {
            "AWS" | "Service" | "*" => ("sts:AssumeRole", "AWS accounts, roles and services"),
            "Federated" => match idp_of(p.value.text) {
                Some(Idp::Saml) => ("sts:AssumeRoleWithSAML", "a SAML provider"),
                Some(Idp::Oidc) => ("sts:AssumeRoleWithWebIdentity", "an OIDC provider"),
                None => continue,
            },
            _ => continue,
        };
        let elsewhere = document_allows(ctx, p, need);
        match needs.iter_mut().find(|(n, _, _)| *n == need) {
            Some(entry) => entry.2 &= elsewhere,
            None => needs.push((need, who, elsewhere)),
        }
    }
    for (need, who, elsewhere) in needs {
        if has(&need.to_ascii_lowercase()) {
            continue;
        }
        // A statement of session actions only (sts:TagSession, sts:SetSourceIdentity,
        // sts:SetContext) for principals that another statement lets assume the role.
        if !has_assume && elsewhere {
            continue;
        }
        // Point at the assume action that is there, else at the first action.
        let target = actions
            .iter()
            .find(|a| a.text.to_ascii_lowercase().starts_with("sts:assumerole"))
            .unwrap_or(&actions[0]);
        let message = if has_assume {
            format!(
                "principals from {who} assume a role with \"{need}\", not \"{}\"",
                target.text
            )
        } else {
            format!(
                "principals from {who} assume a role with \"{need}\", which no statement of this trust policy allows them: \"{}\" alone does not let them assume it",
                target.text
            )
        };
        let mut d = ctx.diag(&trust_action_mismatch::RULE, target.range(), message);
        if has_assume {
            d.fixes.push(Fix::replace(
                format!("Change to \"{need}\""),
                target.node.inner_range(),
                need,
                Applicability::Safe,
            ));
        }
        acc.push(d);
    }
}

/// Session tags, source identity and Roles Anywhere need their companion actions, in
/// this statement or in another one for the same principals.
fn session_actions(
    ctx: &RuleCtx<'_>,
    st: &Statement<'_>,
    principals: &[PrincipalValue<'_>],
    acc: &mut Vec<Diagnostic>,
) {
    let (actions, is_not) = st.action_values();
    if is_not || actions.is_empty() {
        return;
    }
    let allows = |name: &str| {
        actions
            .iter()
            .any(|a| crate::catalog::wildcard_match(a.text, name))
            || (!principals.is_empty() && principals.iter().all(|p| document_allows(ctx, p, name)))
    };
    let Some(at) = st.action.map(|m| m.key.range) else {
        return;
    };
    let mut needs: Vec<(&str, String)> = Vec::new();
    for c in st.conditions() {
        let k = c.key.key.text.to_ascii_lowercase();
        if k.starts_with("aws:requesttag/") || k == "aws:tagkeys" || k == "sts:transitivetagkeys" {
            needs.push((
                "sts:TagSession",
                format!("the condition on \"{}\" needs session tags", c.key.key.text),
            ));
        }
        if k == "sts:sourceidentity" {
            needs.push((
                "sts:SetSourceIdentity",
                "the condition on \"sts:SourceIdentity\" needs a source identity".to_string(),
            ));
        }
    }
    if principals.iter().any(|p| {
        p.kind == "Service"
            && p.value
                .text
                .eq_ignore_ascii_case("rolesanywhere.amazonaws.com")
    }) {
        for a in ["sts:AssumeRole", "sts:TagSession", "sts:SetSourceIdentity"] {
            needs.push((a, "IAM Roles Anywhere assumes roles with sts:AssumeRole, sts:TagSession and sts:SetSourceIdentity".to_string()));
        }
    }
    let mut done: Vec<&str> = Vec::new();
    for (action, why) in needs {
        if allows(action) || done.contains(&action) {
            continue;
        }
        done.push(action);
        acc.push(ctx.diag(
            &trust_missing_session_action::RULE,
            at,
            format!("{why}: also allow \"{action}\" (in this statement or another one for the same principals)"),
        ));
    }
}
