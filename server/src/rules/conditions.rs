//! Condition rules: operators, keys, key/operator types, value formats, set
//! operators, Null misuse, wildcards without Like, private source IPs, MFA patterns.

group! {
    unknown_operator,
    unknown_condition_key,
    condition_key_not_supported,
    operator_type_mismatch,
    invalid_condition_value,
    set_operator_on_single_valued_key,
    missing_set_operator,
    null_operator_misuse,
    wildcard_without_like,
    deprecated_condition_key,
    private_ip_source,
    bad_mfa_condition,
    redundant_condition_value,
}

use super::RuleCtx;
use crate::catalog::{KeyInfo, KeyType};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{scalar_text, ConditionEntry, Statement};
use std::net::IpAddr;

/// Operator families.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    String,
    Numeric,
    Date,
    Bool,
    Binary,
    Ip,
    Arn,
    Null,
}

/// Every base operator (without prefix or `IfExists`) and its family.
pub const OPERATORS: &[(&str, Family)] = &[
    ("StringEquals", Family::String),
    ("StringNotEquals", Family::String),
    ("StringEqualsIgnoreCase", Family::String),
    ("StringNotEqualsIgnoreCase", Family::String),
    ("StringLike", Family::String),
    ("StringNotLike", Family::String),
    ("NumericEquals", Family::Numeric),
    ("NumericNotEquals", Family::Numeric),
    ("NumericLessThan", Family::Numeric),
    ("NumericLessThanEquals", Family::Numeric),
    ("NumericGreaterThan", Family::Numeric),
    ("NumericGreaterThanEquals", Family::Numeric),
    ("DateEquals", Family::Date),
    ("DateNotEquals", Family::Date),
    ("DateLessThan", Family::Date),
    ("DateLessThanEquals", Family::Date),
    ("DateGreaterThan", Family::Date),
    ("DateGreaterThanEquals", Family::Date),
    ("Bool", Family::Bool),
    ("BinaryEquals", Family::Binary),
    ("IpAddress", Family::Ip),
    ("NotIpAddress", Family::Ip),
    ("ArnEquals", Family::Arn),
    ("ArnLike", Family::Arn),
    ("ArnNotEquals", Family::Arn),
    ("ArnNotLike", Family::Arn),
    ("Null", Family::Null),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetPrefix {
    None,
    ForAllValues,
    ForAnyValue,
}

/// A parsed operator such as `ForAnyValue:StringLikeIfExists`.
#[derive(Clone, Copy, Debug)]
pub struct Operator {
    pub set: SetPrefix,
    pub base: &'static str,
    pub family: Family,
    pub if_exists: bool,
}

/// Parses an operator exactly as IAM spells it; `None` for unknown ones.
pub fn parse_operator(op: &str) -> Option<Operator> {
    let (set, rest) = if let Some(r) = op.strip_prefix("ForAllValues:") {
        (SetPrefix::ForAllValues, r)
    } else if let Some(r) = op.strip_prefix("ForAnyValue:") {
        (SetPrefix::ForAnyValue, r)
    } else {
        (SetPrefix::None, op)
    };
    let (rest, if_exists) = match rest.strip_suffix("IfExists") {
        Some(r) => (r, true),
        None => (rest, false),
    };
    let (base, family) = OPERATORS.iter().find(|(n, _)| *n == rest)?;
    Some(Operator {
        set,
        base,
        family: *family,
        if_exists,
    })
}

/// Every full operator spelling, for suggestions and completion.
pub fn all_operator_names() -> Vec<String> {
    let mut acc = Vec::new();
    for (n, f) in OPERATORS {
        acc.push((*n).to_string());
        if *f != Family::Null {
            acc.push(format!("{n}IfExists"));
        }
    }
    let bases = acc.clone();
    for b in &bases {
        acc.push(format!("ForAllValues:{b}"));
        acc.push(format!("ForAnyValue:{b}"));
    }
    acc
}

fn family_fits(family: Family, key: KeyType) -> Option<Severity> {
    // None: fine; Some(severity): mismatch.
    match (family, key) {
        (Family::Null, _) => None,
        (Family::String, KeyType::String) => None,
        (Family::String, KeyType::Arn) | (Family::Arn, KeyType::String) => Some(Severity::Hint),
        (Family::Arn, KeyType::Arn) => None,
        (Family::Numeric, KeyType::Numeric) => None,
        (Family::Date, KeyType::Date) => None,
        (Family::Numeric, KeyType::Date) => Some(Severity::Hint),
        (Family::Bool, KeyType::Bool) => None,
        (Family::Binary, KeyType::Binary) => None,
        (Family::Ip, KeyType::IpAddress) => None,
        _ => Some(Severity::Warning),
    }
}

pub(crate) fn family_name(f: Family) -> &'static str {
    match f {
        Family::String => "String",
        Family::Numeric => "Numeric",
        Family::Date => "Date",
        Family::Bool => "Bool",
        Family::Binary => "Binary",
        Family::Ip => "IpAddress",
        Family::Arn => "Arn",
        Family::Null => "Null",
    }
}

/// Operators that match when the value differs: `StringNotEquals`, `NotIpAddress`, ...
fn is_negated(op: &Operator) -> bool {
    op.base.contains("Not")
}

/// The operator family of a key type.
pub(crate) fn family_of(t: KeyType) -> Family {
    match t {
        KeyType::String => Family::String,
        KeyType::Arn => Family::Arn,
        KeyType::Numeric => Family::Numeric,
        KeyType::Date => Family::Date,
        KeyType::Bool => Family::Bool,
        KeyType::IpAddress => Family::Ip,
        KeyType::Binary => Family::Binary,
    }
}

/// The operator family that fits a key type.
pub fn family_for(t: KeyType) -> &'static str {
    match t {
        KeyType::String => "String (StringEquals, StringLike, …)",
        KeyType::Arn => "Arn (ArnEquals, ArnLike, …)",
        KeyType::Numeric => "Numeric (NumericEquals, NumericLessThan, …)",
        KeyType::Date => "Date (DateGreaterThan, DateLessThan, …)",
        KeyType::Bool => "Bool",
        KeyType::IpAddress => "IpAddress / NotIpAddress",
        KeyType::Binary => "BinaryEquals",
    }
}

pub(crate) fn check(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    let entries = st.conditions();
    let mut reported_ops = Vec::new();
    for c in &entries {
        let op_text = c.operator.key.text.as_str();
        let Some(op) = parse_operator(op_text) else {
            if !reported_ops.contains(&c.operator.key.range) {
                reported_ops.push(c.operator.key.range);
                unknown_operator::check(ctx, c, acc);
            }
            continue;
        };
        if null_operator_misuse::applies(&op) && !reported_ops.contains(&c.operator.key.range) {
            reported_ops.push(c.operator.key.range);
            null_operator_misuse::check(ctx, c, &op, acc);
        }
        let key = key_info(ctx, st, c, acc);
        values(ctx, st, c, &op, key.as_ref(), acc);
    }
}

/// Resolves the key, reporting unknown, deprecated and unsupported keys.
fn key_info(
    ctx: &RuleCtx<'_>,
    st: &Statement<'_>,
    c: &ConditionEntry<'_>,
    acc: &mut Vec<Diagnostic>,
) -> Option<KeyInfo> {
    let key = c.key.key.text.as_str();
    let range = c.key.key.range;
    if ctx.config.is_extra_key(key) || deprecated_condition_key::check(ctx, key, range, acc) {
        return None;
    }
    let known = key
        .split_once(':')
        .and_then(|_| ctx.catalog.condition_key(key));
    let Some(info) = known else {
        unknown_condition_key::check(ctx, key, range, acc);
        return None;
    };
    condition_key_not_supported::check(ctx, st, c, &info, acc);
    Some(info)
}

/// The checks of the operator against the key, and of each value against the operator.
fn values(
    ctx: &RuleCtx<'_>,
    st: &Statement<'_>,
    c: &ConditionEntry<'_>,
    op: &Operator,
    key: Option<&KeyInfo>,
    acc: &mut Vec<Diagnostic>,
) {
    if let Some(info) = key {
        operator_type_mismatch::check(ctx, c, op, info, acc);
        set_operator_on_single_valued_key::check(ctx, st, c, op, info, acc);
        missing_set_operator::check(ctx, c, op, info, acc);
    }
    invalid_condition_value::check_json_types(ctx, c, acc);
    let mut bools = Vec::new();
    for v in &c.values {
        let Some(text) = scalar_text(v) else { continue };
        if text.contains("${") {
            super::variables::variable_not_allowed::check_condition_value(ctx, op, v, text, acc);
            continue;
        }
        match op.family {
            Family::Ip => {
                if let Some(ip) = invalid_condition_value::ip_value(ctx, v, text, acc) {
                    private_ip_source::check(ctx, c, op, v, text, ip, acc);
                }
            }
            Family::String => {
                wildcard_without_like::check(ctx, c, op, v, text, acc);
                invalid_condition_value::string_value(ctx, c, v, text, acc);
            }
            _ => invalid_condition_value::check_value(ctx, c, op, v, text, &mut bools, acc),
        }
    }
    invalid_condition_value::check_bools(ctx, c, op, &bools, acc);
    redundant_condition_value::check(ctx, c, op, acc);
    bad_mfa_condition::check(ctx, st, c, op, acc);
}

pub(crate) fn parse_cidr(s: &str) -> Option<(IpAddr, u8)> {
    let (a, p) = match s.split_once('/') {
        Some((a, p)) => (a, Some(p)),
        None => (s, None),
    };
    let ip: IpAddr = a.parse().ok()?;
    let max = if ip.is_ipv4() { 32 } else { 128 };
    let prefix = match p {
        Some(p) => p.parse::<u8>().ok().filter(|n| *n <= max)?,
        None => max,
    };
    Some((ip, prefix))
}

fn is_private(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v) => {
            v.is_private()
                || v.is_loopback()
                || v.is_link_local()
                || (v.octets()[0] == 100 && (v.octets()[1] & 0xc0) == 64)
        }
        IpAddr::V6(v) => {
            (v.segments()[0] & 0xfe00) == 0xfc00
                || v.is_loopback()
                || (v.segments()[0] & 0xffc0) == 0xfe80
        }
    }
}
