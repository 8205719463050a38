//! Resource rules: ARN shape (prefix, fields, partition, service case, region,
//! account) and whether the resources fit the statement's actions.

group! {
    invalid_arn,
    invalid_arn_account,
    invalid_arn_region,
    resource_mismatch,
    redundant_resource,
}

use super::RuleCtx;
use crate::catalog::has_wildcard;
use crate::diagnostic::Diagnostic;
use crate::model::{Statement, StrValue};

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
        resource_mismatch::check(ctx, st, &values, &well_formed, acc);
    }
}

/// A field that may hold anything: a wildcard or a policy variable.
pub(crate) fn is_open(field: &str) -> bool {
    has_wildcard(field) || field.contains("${")
}

/// Checks one resource string; returns whether it is an ARN good enough to match.
fn arn_shape(ctx: &RuleCtx<'_>, v: &StrValue<'_>, acc: &mut Vec<Diagnostic>) -> bool {
    let Some(fields) = invalid_arn::check(ctx, v, acc) else {
        return false;
    };
    let (service, region, account) = (fields[2], fields[3], fields[4]);
    let formats = service_fields(ctx, service);
    let range = v.range();
    invalid_arn_region::check(ctx, range, service, region, formats, acc)
        && invalid_arn_account::check(ctx, range, service, account, formats, acc)
}

pub(crate) fn example(service: &str) -> &'static str {
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
