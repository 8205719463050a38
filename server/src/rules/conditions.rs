//! Condition rules: operators, keys, key/operator types, value formats, set
//! operators, Null misuse, wildcards without Like, private source IPs, MFA patterns.

pub mod bad_mfa_condition;
pub mod condition_key_not_supported;
pub mod deprecated_condition_key;
pub mod invalid_condition_value;
pub mod missing_set_operator;
pub mod null_operator_misuse;
pub mod operator_type_mismatch;
pub mod private_ip_source;
pub mod redundant_condition_value;
pub mod set_operator_on_single_valued_key;
pub mod unknown_condition_key;
pub mod unknown_operator;
pub mod wildcard_without_like;

use super::RuleCtx;
use crate::catalog::{has_wildcard, KeyInfo, KeyType};
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::model::{scalar_text, ConditionEntry, Effect, Statement};
use crate::syntax::{Node, Value};
use std::net::IpAddr;

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

fn family_name(f: Family) -> &'static str {
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
                unknown_operator(ctx, c, acc);
            }
            continue;
        };
        if op.family == Family::Null && (op.if_exists || op.set != SetPrefix::None) {
            if !reported_ops.contains(&c.operator.key.range) {
                reported_ops.push(c.operator.key.range);
                let what = if op.if_exists {
                    "NullIfExists is not an operator: Null already tests whether the key exists"
                } else {
                    "a set prefix with Null is always true or always false: use plain \"Null\""
                };
                let mut d = ctx.diag(
                    &null_operator_misuse::RULE,
                    c.operator.key.range,
                    what.to_string(),
                );
                d.fixes.push(Fix::replace(
                    "Use \"Null\"",
                    c.operator.key.range,
                    "\"Null\"",
                    Applicability::Safe,
                ));
                acc.push(d);
            }
        }
        let key = key_info(ctx, st, c, acc);
        values(ctx, st, c, &op, key.as_ref(), acc);
    }
    duplicate_keys_by_case(ctx, st, acc);
}

fn unknown_operator(ctx: &RuleCtx<'_>, c: &ConditionEntry<'_>, acc: &mut Vec<Diagnostic>) {
    let op = c.operator.key.text.as_str();
    let names = all_operator_names();
    if let Some(exact) = names.iter().find(|n| n.eq_ignore_ascii_case(op)) {
        let mut d = ctx.diag(
            &unknown_operator::RULE,
            c.operator.key.range,
            format!("condition operators are case-sensitive: write \"{exact}\""),
        );
        d.fixes.push(Fix::replace(
            format!("Change to \"{exact}\""),
            c.operator.key.range,
            format!("\"{exact}\""),
            Applicability::Safe,
        ));
        acc.push(d);
        return;
    }
    let mut d = ctx.diag(
        &unknown_operator::RULE,
        c.operator.key.range,
        format!("unknown condition operator \"{op}\""),
    );
    if let Some(s) = crate::suggest::best(op, names.iter().map(String::as_str)) {
        d.message = format!("unknown condition operator \"{op}\": did you mean \"{s}\"?");
        d.fixes.push(Fix::replace(
            format!("Change to \"{s}\""),
            c.operator.key.range,
            format!("\"{s}\""),
            Applicability::Safe,
        ));
    }
    acc.push(d);
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
    let date = &ctx.catalog.provenance().date;
    if ctx.config.is_extra_key(key) {
        return None;
    }
    if let Some(dep) = ctx.catalog.deprecated_key(key) {
        let mut d = ctx.diag(
            &deprecated_condition_key::RULE,
            range,
            format!("\"{key}\" is deprecated: use {}", dep.replacement),
        );
        if let Some(first) = dep
            .replacement
            .split_whitespace()
            .next()
            .filter(|r| r.contains(':'))
        {
            d.fixes.push(Fix::replace(
                format!("Change to \"{first}\""),
                range,
                format!("\"{first}\""),
                Applicability::Unsafe,
            ));
        }
        acc.push(d);
        return None;
    }
    if key.eq_ignore_ascii_case("aws:ARN") {
        acc.push(ctx.diag(&deprecated_condition_key::RULE, range, "\"aws:ARN\" is not supported: use aws:PrincipalArn for the caller or aws:SourceArn for the calling resource".to_string()));
        return None;
    }
    let Some((prefix, _)) = key.split_once(':') else {
        acc.push(ctx.diag(&unknown_condition_key::RULE, range, format!("\"{key}\" is not a condition key: keys are service:Name, like \"aws:SourceIp\" or \"s3:prefix\"")));
        return None;
    };
    if let Some(info) = ctx.catalog.condition_key(key) {
        supported(ctx, st, c, &info, acc);
        return Some(info);
    }
    let is_service = prefix.eq_ignore_ascii_case("aws") || ctx.catalog.service(prefix).is_some();
    if !is_service {
        // OIDC and SAML provider keys (`gitlab.com:sub`, `oidc.eks…/id/…:sub`) are open-ended.
        if prefix.contains('.') || prefix.contains('/') || prefix == "saml" {
            return None;
        }
        let mut d = ctx.diag(&unknown_condition_key::RULE, range, format!("\"{prefix}\" in \"{key}\" is neither a service prefix in the catalog of {date} nor an identity provider"));
        d.severity = d.severity.max(Severity::Warning);
        acc.push(d);
        return None;
    }
    let tag_bases = ["aws:RequestTag", "aws:ResourceTag", "aws:PrincipalTag"];
    if let Some(base) = tag_bases.iter().find(|b| b.eq_ignore_ascii_case(key)) {
        acc.push(ctx.diag(
            &unknown_condition_key::RULE,
            range,
            format!("\"{key}\" needs the tag name: write \"{base}/TAG-NAME\""),
        ));
        return None;
    }
    if prefix.eq_ignore_ascii_case("aws") {
        unknown_global_key(ctx, key, range, acc);
        return None;
    }
    let mut d = ctx.diag(
        &unknown_condition_key::RULE,
        range,
        format!("condition key \"{key}\" is not in the catalog of {date}: if it is newer, add it to [catalog] extra-keys"),
    );
    let level = d.severity;
    d.severity = level.max(Severity::Warning);
    if let Some(s) = ctx.catalog.suggest_condition_key(key) {
        if crate::suggest::likely_typo(key, &s) {
            d.severity = level;
        }
        d.message =
            format!("unknown condition key \"{key}\": did you mean \"{s}\"? (catalog of {date})");
        d.fixes.push(Fix::replace(
            format!("Change to \"{s}\""),
            range,
            format!("\"{s}\""),
            Applicability::Safe,
        ));
    }
    acc.push(d);
    None
}

/// An `aws:` key that is not a documented global condition key: Access Analyzer reports
/// it as an error (INVALID_GLOBAL_CONDITION_KEY, "IAM Access Analyzer policy check
/// reference", https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html;
/// the keys: "AWS global condition context keys",
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
fn unknown_global_key(
    ctx: &RuleCtx<'_>,
    key: &str,
    range: crate::syntax::TextRange,
    acc: &mut Vec<Diagnostic>,
) {
    let mut d = ctx.diag(
        &unknown_condition_key::RULE,
        range,
        format!("\"{key}\" is not a global condition key: no request carries it, so the condition never matches (or always does, with IfExists or a Not operator); if AWS added it recently, list it in [catalog] extra-keys"),
    );
    d.severity = Severity::Error;
    let lower = key.to_ascii_lowercase();
    // A documented key that the unknown one extends or shortens
    // (`aws:SourceIpAddress` → `aws:SourceIp`), else the closest spelling.
    let extended = ctx
        .catalog
        .global_keys()
        .iter()
        .map(|k| k.name.as_str())
        .filter(|n| is_aws_key(n) && !n.contains("${"))
        .filter(|n| {
            let n = n.to_ascii_lowercase();
            lower.starts_with(&n) || n.starts_with(&lower)
        })
        .min_by_key(|n| n.len().abs_diff(key.len()))
        .map(str::to_string);
    let suggestion = extended.or_else(|| {
        ctx.catalog
            .suggest_condition_key(key)
            .filter(|s| is_aws_key(s))
    });
    if let Some(s) = suggestion {
        d.message = format!("\"{key}\" is not a global condition key: did you mean \"{s}\"?");
        d.fixes.push(Fix::replace(
            format!("Change to \"{s}\""),
            range,
            format!("\"{s}\""),
            Applicability::Safe,
        ));
    }
    acc.push(d);
}

fn is_aws_key(k: &str) -> bool {
    k.len() > 4 && k.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("aws:"))
}

/// A service key that none of the statement's actions supports.
fn supported(
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
    acc.push(ctx.diag(&condition_key_not_supported::RULE, c.key.key.range, msg));
}

fn values(
    ctx: &RuleCtx<'_>,
    st: &Statement<'_>,
    c: &ConditionEntry<'_>,
    op: &Operator,
    key: Option<&KeyInfo>,
    acc: &mut Vec<Diagnostic>,
) {
    let key_name = c.key.key.text.as_str();
    let op_range = c.operator.key.range;
    if let Some(info) = key {
        if let Some(sev) = family_fits(op.family, info.key_type) {
            // aws:EpochTime is documented as usable with Date and Numeric operators.
            let epoch =
                info.name.eq_ignore_ascii_case("aws:EpochTime") && op.family == Family::Numeric;
            if !epoch && !variables_of_type(ctx, c, op, info.key_type) {
                let variables = c
                    .values
                    .iter()
                    .any(|v| scalar_text(v).is_some_and(|t| t.contains("${")));
                let advice = if variables
                    && !matches!(info.key_type, KeyType::String | KeyType::Arn)
                {
                    format!("{} operators do not expand policy variables, so compare it with a variable of type {}", family_name(family_of(info.key_type)), info.key_type)
                } else {
                    format!("use {} operators", family_for(info.key_type))
                };
                let mut d = ctx.diag(
                    &operator_type_mismatch::RULE,
                    c.key.key.range,
                    format!(
                        "\"{key_name}\" is of type {} but \"{}\" compares {} values: {advice}",
                        info.key_type,
                        c.operator.key.text,
                        family_name(op.family)
                    ),
                );
                d.severity = d.severity.max(sev);
                acc.push(d);
            }
        }
        if op.family != Family::Null {
            match (op.set, info.multi_valued) {
                (SetPrefix::ForAllValues, false) => acc.push(ctx.diag(&set_operator_on_single_valued_key::RULE, op_range, format!("\"{key_name}\" is single-valued: ForAllValues is also true when the key is missing, which can allow more than intended; use \"{}{}\"", op.base, if op.if_exists { "IfExists" } else { "" }))),
                // With a negated operator, ForAnyValue is false when the key is absent
                // while the plain operator is true: in a Deny that silently lets every
                // request without the key through ("Set operators for multivalued
                // context keys", IAM User Guide,
                // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html).
                (SetPrefix::ForAnyValue, false)
                    if is_negated(op) && st.effect() == Some(Effect::Deny) =>
                {
                    let plain = format!("{}{}", op.base, if op.if_exists { "IfExists" } else { "" });
                    acc.push(ctx.diag(&set_operator_on_single_valued_key::RULE, op_range, format!("\"{key_name}\" is single-valued: ForAnyValue with \"{}\" is false when the key is absent, so this Deny does not apply to requests without it (plain \"{plain}\" would); use \"{plain}\"", op.base)));
                }
                (SetPrefix::ForAnyValue, false) => {
                    let mut d = ctx.diag(&set_operator_on_single_valued_key::RULE, op_range, format!("\"{key_name}\" is single-valued: ForAnyValue is not needed"));
                    d.severity = Severity::Info;
                    acc.push(d);
                }
                (SetPrefix::None, true) => acc.push(ctx.diag(&missing_set_operator::RULE, op_range, format!("\"{key_name}\" is multi-valued: say whether all values (ForAllValues:{0}) or any value (ForAnyValue:{0}) must match", c.operator.key.text))),
                _ => {}
            }
        }
    }
    // Values of mixed JSON types.
    let kinds: Vec<u8> = c
        .values
        .iter()
        .map(|n| match n.value {
            Value::String(_) => 0,
            Value::Number(_) => 1,
            _ => 2,
        })
        .collect();
    if kinds.windows(2).any(|w| w[0] != w[1]) {
        acc.push(ctx.diag(
            &invalid_condition_value::RULE,
            c.key.value.as_ref().map_or(c.key.key.range, |v| v.range),
            format!("the values of \"{key_name}\" mix JSON types: use strings throughout"),
        ));
    }
    let mut bools = Vec::new();
    for v in &c.values {
        let Some(text) = scalar_text(v) else { continue };
        if text.contains("${") {
            if !matches!(op.family, Family::String | Family::Arn) {
                acc.push(ctx.diag(&super::variables::variable_not_allowed::RULE, v.range, format!("policy variables are not expanded with {} operators: \"{text}\" is compared literally", family_name(op.family))));
            }
            continue;
        }
        match op.family {
            Family::Bool | Family::Null => {
                let lower = text.to_ascii_lowercase();
                if lower != "true" && lower != "false" {
                    let mut d = ctx.diag(
                        &invalid_condition_value::RULE,
                        v.range,
                        format!(
                            "{} takes \"true\" or \"false\", not \"{text}\"",
                            family_name(op.family)
                        ),
                    );
                    if matches!(lower.as_str(), "yes" | "1" | "on") {
                        d.fixes.push(Fix::replace(
                            "Change to \"true\"",
                            v.range,
                            "\"true\"",
                            Applicability::Safe,
                        ));
                    } else if matches!(lower.as_str(), "no" | "0" | "off") {
                        d.fixes.push(Fix::replace(
                            "Change to \"false\"",
                            v.range,
                            "\"false\"",
                            Applicability::Safe,
                        ));
                    }
                    acc.push(d);
                } else {
                    bools.push(lower);
                }
            }
            Family::Numeric => {
                if text.parse::<f64>().is_err() {
                    acc.push(ctx.diag(
                        &invalid_condition_value::RULE,
                        v.range,
                        format!("\"{text}\" is not a number"),
                    ));
                }
            }
            Family::Date => {
                if !is_date(text) {
                    acc.push(ctx.diag(&invalid_condition_value::RULE, v.range, format!("\"{text}\" is not a date: use ISO 8601 (2026-01-31T12:00:00Z) or epoch seconds")));
                }
            }
            Family::Ip => ip_value(ctx, c, op, v, text, acc),
            Family::Binary => {
                if !is_base64(text) {
                    acc.push(ctx.diag(
                        &invalid_condition_value::RULE,
                        v.range,
                        format!(
                            "\"{text}\" is not base64: BinaryEquals compares base64-encoded values"
                        ),
                    ));
                }
            }
            Family::Arn => {
                if !(text == "*" || text.starts_with("arn:") || has_wildcard(text)) {
                    let mut d = ctx.diag(
                        &invalid_condition_value::RULE,
                        v.range,
                        format!(
                            "\"{text}\" is not an ARN, so {} never matches it",
                            c.operator.key.text
                        ),
                    );
                    d.severity = Severity::Warning;
                    acc.push(d);
                }
            }
            Family::String => string_value(ctx, c, op, v, text, acc),
        }
    }
    if op.family == Family::Bool
        && bools.iter().any(|b| b == "true")
        && bools.iter().any(|b| b == "false")
    {
        acc.push(ctx.diag(&invalid_condition_value::RULE, c.key.value.as_ref().map_or(c.key.key.range, |v| v.range), format!("\"{key_name}\" is given both true and false, so the condition always matches when the key is present")));
    }
    let bound = matches!(op.family, Family::Numeric | Family::Date)
        && (op.base.contains("LessThan") || op.base.contains("GreaterThan"));
    if bound && c.values.len() > 1 {
        if let Some(v) = &c.key.value {
            acc.push(ctx.diag(&redundant_condition_value::RULE, v.range, format!("\"{}\" matches if any value does, so only the least strict of these {} values counts: keep one", c.operator.key.text, c.values.len())));
        }
    }
    mfa(ctx, st, c, op, acc);
}

/// Whether every value is a policy variable whose key has type `t`, compared with a
/// String operator: the one way to compare two request values of another type, since
/// only String and Arn operators expand variables. AWS documents
/// `"StringNotEquals": {"aws:Ec2InstanceSourcePrivateIPv4": "${aws:VpcSourceIp}"}`
/// ("AWS global condition context keys", aws:Ec2InstanceSourcePrivateIPv4,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
fn variables_of_type(ctx: &RuleCtx<'_>, c: &ConditionEntry<'_>, op: &Operator, t: KeyType) -> bool {
    op.family == Family::String
        && !c.values.is_empty()
        && c.values.iter().all(|v| {
            scalar_text(v).is_some_and(|text| {
                text.starts_with("${")
                    && text.ends_with('}')
                    && text.matches("${").count() == 1
                    && ctx
                        .catalog
                        .policy_variable(text)
                        .and_then(|pv| pv.key)
                        .is_some_and(|k| k.key_type == t)
            })
        })
}

fn string_value(
    ctx: &RuleCtx<'_>,
    c: &ConditionEntry<'_>,
    op: &Operator,
    v: &Node,
    text: &str,
    acc: &mut Vec<Diagnostic>,
) {
    let key = c.key.key.text.to_ascii_lowercase();
    let like = op.base.contains("Like");
    if !like && has_wildcard(text) && !text.contains("${") {
        let like_op = op.base.replace("Equals", "Like").replace("IgnoreCase", "");
        let mut d = ctx.diag(&wildcard_without_like::RULE, v.range, format!("\"{}\" compares exactly, so \"{text}\" only matches that literal text: use {like_op} to match a pattern", c.operator.key.text));
        let new_op = c.operator.key.text.replace(op.base, &like_op);
        if op.base == "StringEquals" || op.base == "StringNotEquals" {
            d.fixes.push(Fix::replace(
                format!("Change the operator to \"{new_op}\""),
                c.operator.key.range,
                format!("\"{new_op}\""),
                Applicability::Unsafe,
            ));
        }
        acc.push(d);
    }
    if has_wildcard(text) {
        return;
    }
    match key.as_str() {
        "aws:requestedregion" if !crate::catalog::is_region(text) => {
            acc.push(ctx.diag(
                &invalid_condition_value::RULE,
                v.range,
                format!("\"{text}\" is not an AWS Region name (like eu-west-1)"),
            ));
        }
        "aws:sourcevpc" if !is_aws_id(text, "vpc-") => {
            acc.push(ctx.diag(
                &invalid_condition_value::RULE,
                v.range,
                format!("\"{text}\" is not a VPC id (vpc- and 8 or 17 hexadecimal digits)"),
            ));
        }
        "aws:sourcevpce" if !is_aws_id(text, "vpce-") => {
            acc.push(ctx.diag(
                &invalid_condition_value::RULE,
                v.range,
                format!(
                    "\"{text}\" is not a VPC endpoint id (vpce- and 8 or 17 hexadecimal digits)"
                ),
            ));
        }
        _ => {}
    }
}

fn is_aws_id(text: &str, prefix: &str) -> bool {
    text.strip_prefix(prefix).is_some_and(|rest| {
        (rest.len() == 8 || rest.len() == 17) && rest.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

fn is_date(s: &str) -> bool {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return true; // epoch seconds
    }
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|x| x.iter().all(u8::is_ascii_digit))
    };
    if !(digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10))
    {
        return false;
    }
    let month: u32 = s[5..7].parse().unwrap_or(0);
    let day: u32 = s[8..10].parse().unwrap_or(0);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return false;
    }
    let rest = &s[10..];
    if rest.is_empty() {
        return true;
    }
    let Some(time) = rest.strip_prefix('T') else {
        return false;
    };
    let tb = time.as_bytes();
    let tdig = |r: std::ops::Range<usize>| {
        tb.get(r.clone())
            .is_some_and(|x| x.iter().all(u8::is_ascii_digit))
    };
    if !(tdig(0..2) && tb.get(2) == Some(&b':') && tdig(3..5)) {
        return false;
    }
    let mut i = 5;
    if tb.get(i) == Some(&b':') {
        if !tdig(6..8) {
            return false;
        }
        i = 8;
        if tb.get(i) == Some(&b'.') {
            i += 1;
            while tb.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
    }
    let zone = &time[i..];
    zone.is_empty() || zone == "Z" || {
        let zb = zone.as_bytes();
        matches!(zb.first(), Some(b'+' | b'-'))
            && (zone.len() == 6 && zb[3] == b':' || zone.len() == 5)
            && zb[1..]
                .iter()
                .filter(|c| **c != b':')
                .all(u8::is_ascii_digit)
    }
}

fn is_base64(s: &str) -> bool {
    !s.is_empty()
        && s.len() % 4 == 0
        && s.trim_end_matches('=')
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
        && s.len() - s.trim_end_matches('=').len() <= 2
}

/// Parses `addr` or `addr/prefix`.
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

fn ip_value(
    ctx: &RuleCtx<'_>,
    c: &ConditionEntry<'_>,
    op: &Operator,
    v: &Node,
    text: &str,
    acc: &mut Vec<Diagnostic>,
) {
    let Some((ip, prefix)) = parse_cidr(text) else {
        acc.push(ctx.diag(&invalid_condition_value::RULE, v.range, format!("\"{text}\" is not an IP address or CIDR block (like 203.0.113.0/24 or 2001:db8::/32)")));
        return;
    };
    // Host bits set: works, but says something else than it seems to.
    let host_bits = match ip {
        IpAddr::V4(a) => prefix < 32 && (u32::from(a) & (u32::MAX >> prefix)) != 0,
        IpAddr::V6(a) => prefix < 128 && (u128::from(a) & (u128::MAX >> prefix)) != 0,
    };
    if host_bits {
        let net = match ip {
            IpAddr::V4(a) => IpAddr::V4((u32::from(a) & !(u32::MAX >> prefix)).into()),
            IpAddr::V6(a) => IpAddr::V6((u128::from(a) & !(u128::MAX >> prefix)).into()),
        };
        let mut d = ctx.diag(
            &invalid_condition_value::RULE,
            v.range,
            format!("\"{text}\" has host bits set: it means {net}/{prefix}"),
        );
        d.severity = Severity::Info;
        d.fixes.push(Fix::replace(
            format!("Change to \"{net}/{prefix}\""),
            v.range,
            format!("\"{net}/{prefix}\""),
            Applicability::Safe,
        ));
        acc.push(d);
    }
    if c.key.key.text.eq_ignore_ascii_case("aws:SourceIp") && is_private(ip) {
        let all_private = c
            .values
            .iter()
            .filter_map(|n| scalar_text(n))
            .filter_map(parse_cidr)
            .all(|(i, _)| is_private(i));
        let neg = op.base == "NotIpAddress";
        let mut d = ctx.diag(&private_ip_source::RULE, v.range, format!("\"{text}\" is a private range: aws:SourceIp only holds public addresses, so this {}; use aws:VpcSourceIp with aws:SourceVpc for VPC traffic", if neg { "exclusion has no effect" } else { "never matches" }));
        if !all_private {
            d.severity = Severity::Info;
        }
        acc.push(d);
    }
}

fn mfa(
    ctx: &RuleCtx<'_>,
    st: &Statement<'_>,
    c: &ConditionEntry<'_>,
    op: &Operator,
    acc: &mut Vec<Diagnostic>,
) {
    if !c
        .key
        .key
        .text
        .eq_ignore_ascii_case("aws:MultiFactorAuthPresent")
    {
        return;
    }
    let vals: Vec<String> = c
        .values
        .iter()
        .filter_map(|n| scalar_text(n))
        .map(str::to_ascii_lowercase)
        .collect();
    let has_false = vals.iter().any(|v| v == "false");
    if op.family == Family::Bool && !op.if_exists && has_false && st.effect() == Some(Effect::Deny)
    {
        let mut d = ctx.diag(&bad_mfa_condition::RULE, c.operator.key.range, "requests made with long-term access keys have no aws:MultiFactorAuthPresent at all, so this Deny does not catch them: use \"BoolIfExists\"".to_string());
        d.fixes.push(Fix::replace(
            "Change to \"BoolIfExists\"",
            c.operator.key.range,
            "\"BoolIfExists\"",
            Applicability::Unsafe,
        ));
        acc.push(d);
    }
    if op.family == Family::Null && has_false && st.effect() == Some(Effect::Allow) {
        acc.push(ctx.diag(&bad_mfa_condition::RULE, c.operator.key.range, "Null with false only checks that the key is present, not that MFA was used: use \"Bool\": {\"aws:MultiFactorAuthPresent\": \"true\"}".to_string()));
    }
}

/// Condition keys repeated in one operator block with different capitalization.
fn duplicate_keys_by_case(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(block) = crate::model::value(st.condition).and_then(Node::as_object) else {
        return;
    };
    for op in &block.members {
        let Some(keys) = op.value.as_ref().and_then(Node::as_object) else {
            continue;
        };
        for (i, k) in keys.members.iter().enumerate() {
            if let Some(first) = keys.members[..i]
                .iter()
                .find(|p| p.key.text != k.key.text && p.key.text.eq_ignore_ascii_case(&k.key.text))
            {
                acc.push(ctx.diag(&super::syntax::duplicate_key::RULE, k.key.range, format!("\"{}\" repeats \"{}\": IAM compares condition keys case-insensitively, so only one takes effect; merge them", k.key.text, first.key.text)));
            }
        }
    }
}
