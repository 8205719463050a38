//! Resource rules: ARN shape (prefix, fields, partition, service case, region,
//! account) and whether the resources fit the statement's actions.

pub mod invalid_arn;
pub mod invalid_arn_account;
pub mod invalid_arn_region;
pub mod redundant_resource;
pub mod resource_mismatch;

use super::RuleCtx;
use crate::catalog::has_wildcard;
use crate::diagnostic::Severity;
use crate::diagnostic::{Applicability, Diagnostic};
use crate::model::{DocKind, Effect, Statement, StrValue};
use std::collections::BTreeSet;

pub(crate) const PARTITIONS: &[&str] = &[
    "aws",
    "aws-cn",
    "aws-us-gov",
    "aws-iso",
    "aws-iso-b",
    "aws-iso-e",
    "aws-iso-f",
    "aws-eusc",
];

pub(crate) fn check(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    let (values, is_not) = st.resource_values();
    let mut well_formed = Vec::new();
    for v in &values {
        if arn_shape(ctx, v, acc) {
            well_formed.push(*v);
        }
    }
    if !is_not {
        mismatch(ctx, st, &values, &well_formed, acc);
    }
    redundant(ctx, st, &values, acc);
}

/// A field that may hold anything: a wildcard or a policy variable.
fn is_open(field: &str) -> bool {
    has_wildcard(field) || field.contains("${")
}

/// Checks one resource string; returns whether it is an ARN good enough to match.
fn arn_shape(ctx: &RuleCtx<'_>, v: &StrValue<'_>, acc: &mut Vec<Diagnostic>) -> bool {
    let text = v.text;
    if text == "*" {
        return false;
    }
    let range = v.range();
    if !text.starts_with("arn:") {
        if text.starts_with("${") || text.starts_with('*') {
            return false;
        }
        let hint = if text.contains(':') || text.contains('/') {
            ""
        } else {
            " (for all resources use \"*\")"
        };
        acc.push(ctx.diag(&invalid_arn::RULE, range, format!("\"{text}\" is not an ARN: resources are \"*\" or arn:partition:service:region:account:resource{hint}")));
        return false;
    }
    let fields: Vec<&str> = text.splitn(6, ':').collect();
    if fields.len() < 6 {
        // A wildcard may stand for the missing fields (`arn:aws:s3:*`).
        if !fields
            .last()
            .is_some_and(|f| has_wildcard(f) && !f.contains('/'))
        {
            acc.push(ctx.diag(&invalid_arn::RULE, range, format!("\"{text}\" has {} of the 6 ARN fields: arn:partition:service:region:account:resource", fields.len())));
        }
        return false;
    }
    // The resource part (fields[5]) may be empty: AWS accepts `arn:aws:organizations::*:`.
    let (partition, service, region, account) = (fields[1], fields[2], fields[3], fields[4]);
    if !is_open(partition) && !PARTITIONS.contains(&partition) {
        acc.push(ctx.diag(&invalid_arn::RULE, range, format!("\"{partition}\" is not an AWS partition: use aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f or aws-eusc")));
        return false;
    }
    if service.is_empty() {
        acc.push(ctx.diag(
            &invalid_arn::RULE,
            range,
            "the ARN's service field is empty".to_string(),
        ));
        return false;
    }
    if service.chars().any(|c| c.is_ascii_uppercase()) {
        acc.push(ctx.diag(
            &invalid_arn::RULE,
            range,
            format!(
                "the service in an ARN is lowercase: \"{}\"",
                service.to_ascii_lowercase()
            ),
        ));
        return false;
    }
    let (any_region, any_account, known) = service_fields(ctx, service);
    if !region.is_empty() && !is_open(region) {
        if !crate::catalog::is_region(region) {
            acc.push(ctx.diag(
                &invalid_arn_region::RULE,
                range,
                format!("\"{region}\" is not an AWS Region name (like us-east-1)"),
            ));
            return false;
        }
        if known && !any_region {
            acc.push(ctx.diag(
                &invalid_arn_region::RULE,
                range,
                format!(
                    "{service} ARNs have no Region: leave the field empty ({})",
                    example(service)
                ),
            ));
            return false;
        }
    }
    if !account.is_empty() && !is_open(account) {
        let ok_form = (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()))
            || account == "aws";
        if !ok_form {
            let digits = account.bytes().filter(u8::is_ascii_digit).count();
            let what = if account.bytes().all(|b| b.is_ascii_digit()) {
                format!("has {digits} digits")
            } else {
                "is not a number".to_string()
            };
            acc.push(ctx.diag(
                &invalid_arn_account::RULE,
                range,
                format!("account id \"{account}\" {what}: account ids have exactly 12 digits"),
            ));
            return false;
        }
        if known && !any_account && account != "aws" {
            acc.push(ctx.diag(
                &invalid_arn_account::RULE,
                range,
                format!(
                    "{service} ARNs have no account id: leave the field empty ({})",
                    example(service)
                ),
            ));
            return false;
        }
    }
    true
}

fn example(service: &str) -> &'static str {
    match service {
        "s3" => "arn:aws:s3:::bucket/key",
        "iam" => "arn:aws:iam::111122223333:role/name",
        _ => "see the service's ARN formats",
    }
}

/// Whether any documented ARN format of `service` has a Region / an account field.
/// `known` is false when the service has no formats (then nothing is asserted).
fn service_fields(ctx: &RuleCtx<'_>, service: &str) -> (bool, bool, bool) {
    let f = ctx
        .catalog
        .service(service)
        .map(|s| s.arn_fields)
        .unwrap_or_default();
    (f.region, f.account, f.known)
}

fn mismatch(
    ctx: &RuleCtx<'_>,
    st: &Statement<'_>,
    all: &[StrValue<'_>],
    arns: &[StrValue<'_>],
    acc: &mut Vec<Diagnostic>,
) {
    if arns.is_empty() || arns.len() != all.len() {
        return; // `*` (or something unparsable) is among the resources: anything fits
    }
    let (actions, is_not) = st.action_values();
    if is_not
        || actions.iter().any(|a| {
            a.text == "*"
                || crate::catalog::split_colon(a.text).is_none_or(|(p, _)| has_wildcard(p))
        })
    {
        return;
    }
    let kind = ctx.kind.kind;
    let mut types = TypeCache {
        catalog: ctx.catalog,
        memo: arns.iter().map(|_| Vec::new()).collect(),
    };
    // Exact, known actions with resource types.
    let mut exact = Vec::new();
    let mut services = BTreeSet::new();
    for a in &actions {
        let Some((p, n)) = crate::catalog::split_colon(a.text) else {
            continue;
        };
        services.insert(p.to_ascii_lowercase());
        if has_wildcard(n) {
            continue;
        }
        if let (Some(svc), Some(act)) = (ctx.catalog.service(p), ctx.catalog.action(p, n)) {
            if !act.resource_types.is_empty() {
                exact.push((a, svc, act));
            }
        }
    }
    // Each exact action needs at least one resource of a type it accepts.
    for (a, svc, act) in &exact {
        let fits = arns
            .iter()
            .enumerate()
            .any(|(i, r)| types.accepts(svc, act, i, r.text));
        if fits {
            continue;
        }
        let needs: Vec<String> = act
            .resource_types
            .iter()
            .filter_map(|(n, _)| {
                svc.resource_type(n).map(|rt| {
                    format!(
                        "{} ({})",
                        rt.name,
                        rt.arn_formats.first().map_or("", String::as_str)
                    )
                })
            })
            .take(3)
            .collect();
        // Another service's action in a bucket or key policy: unsupported-action-in-policy.
        if (kind == DocKind::S3Bucket && svc.prefix != "s3")
            || (kind == DocKind::KmsKey && svc.prefix != "kms")
        {
            continue;
        }
        let what = format!(
            "{}:{} applies to {}; none of the statement's resources is one",
            svc.prefix,
            act.name,
            needs.join(" or ")
        );
        let d = if kind == DocKind::S3Bucket {
            // S3 checks this when the policy is put: "Action does not apply to any
            // resource(s) in statement" (MalformedPolicy).
            let mut d = ctx.diag(
                &resource_mismatch::RULE,
                a.range(),
                format!("{what}: S3 rejects this bucket policy (MalformedPolicy: the action does not apply to any resource in the statement)"),
            );
            d.severity = Severity::Error;
            d
        } else if st.effect() == Some(Effect::Deny) {
            ctx.diag(
                &resource_mismatch::RULE,
                a.range(),
                format!("{what}, so this Deny matches nothing for it"),
            )
        } else {
            ctx.diag(
                &resource_mismatch::RULE,
                a.range(),
                format!("{what}, so it is granted on nothing"),
            )
        };
        acc.push(d);
    }
    // In bucket and key policies a resource of another service is reported by
    // unsupported-resource-in-policy.
    if matches!(kind, DocKind::S3Bucket | DocKind::KmsKey) {
        return;
    }
    // Each resource should be of a service the actions belong to, or of a type one accepts.
    for (i, r) in arns.iter().enumerate() {
        let Some(rs) = r.text.split(':').nth(2) else {
            continue;
        };
        if has_wildcard(rs) || services.contains(rs) {
            continue;
        }
        let used = exact
            .iter()
            .any(|(_, svc, act)| types.accepts(svc, act, i, r.text));
        if !used && exact.len() == actions.len() {
            let list: Vec<&str> = services.iter().map(String::as_str).collect();
            acc.push(ctx.diag(&resource_mismatch::RULE, r.range(), format!("no action of this statement applies to {rs} resources (the actions are for {})", list.join(", "))));
        }
    }
}

/// Resource-type names per ARN of the statement and service, computed once per
/// statement: ARN matching is the expensive part and every action of a service asks the
/// same question. Indexed by the ARN's position (a statement names few services, so
/// each ARN's list is searched linearly).
struct TypeCache<'a> {
    catalog: &'a crate::catalog::Catalog,
    memo: Vec<Vec<(&'a str, Vec<&'a str>)>>,
}

impl<'a> TypeCache<'a> {
    /// Whether ARN number `i` (`arn`) is of a resource type that `act` (of `svc`)
    /// applies to.
    fn accepts(
        &mut self,
        svc: &'a crate::catalog::Service,
        act: &crate::catalog::Action,
        i: usize,
        arn: &'a str,
    ) -> bool {
        let catalog = self.catalog;
        let Some(memo) = self.memo.get_mut(i) else {
            return false;
        };
        let at = match memo.iter().position(|(s, _)| *s == svc.prefix) {
            Some(at) => at,
            None => {
                let mut names: Vec<&str> = catalog
                    .resource_types_for_arn(&svc.prefix, arn)
                    .iter()
                    .map(|r| r.name.as_str())
                    .collect();
                names.extend(qualified_types(&svc.prefix, arn, &names));
                memo.push((&svc.prefix, names));
                memo.len() - 1
            }
        };
        memo[at].1.iter().any(|t| {
            act.resource_types
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case(t))
        })
    }
}

/// Resource types an ARN also stands for beyond its documented formats:
///
/// - a qualified Lambda function ARN (`function:NAME:$LATEST`, `:ALIAS`, `:3`) is the
///   function for every action on functions ("Resources and conditions for Lambda
///   actions", AWS Lambda Developer Guide, https://docs.aws.amazon.com/lambda/latest/dg/lambda-api-permissions-ref.html,
///   which allows qualified ARNs wherever the function is the resource);
/// - an S3 Multi-Region Access Point ARN (`arn:aws:s3::ACCOUNT:accesspoint/ALIAS.mrap`,
///   with `/object/KEY` for objects) is an access point, and its object form an object
///   ("Multi-Region Access Point permissions", Amazon S3 User Guide,
///   https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiRegionAccessPointPermissions.html).
fn qualified_types(service: &str, arn: &str, found: &[&str]) -> Vec<&'static str> {
    let mut extra = Vec::new();
    match service {
        "lambda" => {
            let qualified = found.iter().any(|n| {
                n.eq_ignore_ascii_case("function alias")
                    || n.eq_ignore_ascii_case("function version")
            }) || arn
                .splitn(6, ':')
                .nth(5)
                .is_some_and(|r| r.starts_with("function:") && r.matches(':').count() == 2);
            if qualified {
                extra.push("function");
            }
        }
        "s3" => {
            let f: Vec<&str> = arn.splitn(6, ':').collect();
            if f.len() == 6
                && f[3].is_empty()
                && !f[4].is_empty()
                && f[5].starts_with("accesspoint/")
            {
                if f[5].contains("/object/") {
                    extra.extend(["object", "accesspointobject"]);
                } else {
                    extra.extend(["accesspoint", "multiregionaccesspoint"]);
                }
            }
        }
        _ => {}
    }
    extra
}

/// Resources repeated, or covered by a wildcard ARN of the same list.
fn redundant(
    ctx: &RuleCtx<'_>,
    st: &Statement<'_>,
    values: &[StrValue<'_>],
    acc: &mut Vec<Diagnostic>,
) {
    if values.len() < 2 {
        return;
    }
    let Some(crate::syntax::Value::Array(arr)) = st
        .resource
        .or(st.not_resource)
        .and_then(|m| m.value.as_ref())
        .map(|n| &n.value)
    else {
        return;
    };
    // Only an earlier duplicate or a wildcard entry can cover a value: index those
    // instead of comparing every pair (policies may list thousands of resources).
    let mut first: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut wild = Vec::new();
    for (j, w) in values.iter().enumerate() {
        first.entry(w.text).or_insert(j);
        if has_wildcard(w.text) {
            wild.push(j);
        }
    }
    for (i, v) in values.iter().enumerate() {
        let dup = first.get(v.text).copied().filter(|&j| j < i);
        let covering = wild.iter().copied().find(|&j| {
            let w = &values[j];
            j != i
                && w.text != v.text
                && crate::catalog::wildcard_match(w.text, v.text)
                && !(has_wildcard(v.text) && crate::catalog::wildcard_match(v.text, w.text))
                && v.text.len() >= 4
                && w.text.starts_with("arn:") == v.text.starts_with("arn:")
        });
        let Some(by) = [dup, covering]
            .into_iter()
            .flatten()
            .min()
            .map(|j| &values[j])
        else {
            continue;
        };
        let why = if by.text == v.text {
            "is listed twice".to_string()
        } else {
            format!("is already covered by \"{}\"", by.text)
        };
        let mut d = ctx.diag(
            &redundant_resource::RULE,
            v.range(),
            format!("\"{}\" {why}", v.text),
        );
        if let Some(edit) = crate::rules::actions::remove_item(ctx.text, &arr.items, v.node.range) {
            d.fixes.push(crate::diagnostic::Fix {
                title: format!("Remove \"{}\"", v.text),
                edits: vec![edit],
                applicability: Applicability::Safe,
            });
        }
        acc.push(d);
    }
}
