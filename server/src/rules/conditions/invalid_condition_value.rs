//! `invalid-condition-value`: A condition value that the operator cannot use.

use super::{family_name, parse_cidr, Family, Operator};
use crate::catalog::has_wildcard;
use crate::diagnostic::Severity;
use crate::diagnostic::{Diagnostic, Fix};
use crate::model::ConditionEntry;
use crate::rules::RuleCtx;
use crate::rules::{Applicability, Category, Check, Rule, Walk};
use crate::syntax::{Node, Value};
use std::net::IpAddr;

pub static RULE: Rule = Rule {
    id: "invalid-condition-value",
    category: Category::Correctness,
    severity: Severity::Error,
    access_analyzer: &["TYPE_MISMATCH_BOOLEAN", "TYPE_MISMATCH_DATE", "TYPE_MISMATCH_IP_RANGE", "TYPE_MISMATCH_NUMBER", "TYPE_MISMATCH_STRING", "INVALID_DATE_VALUE", "INVALID_CONDITION_MULTIPLE_BOOLEAN", "INVALID_CONDITION_DATA_TYPE", "INVALID_REGION", "INVALID_VPC_FORMAT", "INVALID_VPCE_FORMAT", "IMPROVE_IP_RANGE"],
    parliament: &["MISMATCHED_TYPE_OPERATION_TO_NULL"],
    summary: "A condition value that the operator cannot use",
    docs: "Values must fit the operator: `true`/`false` for `Bool` and `Null`, numbers for `Numeric*`, ISO 8601 dates or \
epoch seconds for `Date*`, IPv4/IPv6 addresses or CIDR blocks for `IpAddress`, base64 for `BinaryEquals`, real \
Region names for `aws:RequestedRegion`, `vpc-…` and `vpce-…` ids for the VPC keys. A value that cannot be parsed never \
matches.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "no"}}}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "false"}, "DateGreaterThan": {"aws:CurrentTime": "2026-01-31T12:00:00Z"}, "NumericLessThan": {"aws:MultiFactorAuthAge": 3600}}}]}"#,
    checks: &[Check::Walk(Walk::Conditions)],
    notes_topics: &[],
    fix: Some(Applicability::Safe),
    build_fix: None,
    insert_statement: None,
};

pub(crate) fn string_value(
    ctx: &RuleCtx<'_>,
    c: &ConditionEntry<'_>,
    v: &Node,
    text: &str,
    acc: &mut Vec<Diagnostic>,
) {
    let key = c.key.key.text.to_ascii_lowercase();
    if has_wildcard(text) {
        return;
    }
    match key.as_str() {
        "aws:requestedregion" if !crate::catalog::is_region(text) => {
            acc.push(ctx.diag(
                &RULE,
                v.range,
                format!("\"{text}\" is not an AWS Region name (like eu-west-1)"),
            ));
        }
        "aws:sourcevpc" if !is_aws_id(text, "vpc-") => {
            acc.push(ctx.diag(
                &RULE,
                v.range,
                format!("\"{text}\" is not a VPC id (vpc- and 8 or 17 hexadecimal digits)"),
            ));
        }
        "aws:sourcevpce" if !is_aws_id(text, "vpce-") => {
            acc.push(ctx.diag(
                &RULE,
                v.range,
                format!(
                    "\"{text}\" is not a VPC endpoint id (vpce- and 8 or 17 hexadecimal digits)"
                ),
            ));
        }
        _ => {}
    }
}

pub(crate) fn is_aws_id(text: &str, prefix: &str) -> bool {
    text.strip_prefix(prefix).is_some_and(|rest| {
        (rest.len() == 8 || rest.len() == 17) && rest.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

pub(crate) fn is_date(s: &str) -> bool {
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

pub(crate) fn is_base64(s: &str) -> bool {
    !s.is_empty()
        && s.len().is_multiple_of(4)
        && s.trim_end_matches('=')
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
        && s.len() - s.trim_end_matches('=').len() <= 2
}

/// Reports a value that is not an address or CIDR block, or has host bits set; the
/// address, when it is one.
pub(crate) fn ip_value(
    ctx: &RuleCtx<'_>,
    v: &Node,
    text: &str,
    acc: &mut Vec<Diagnostic>,
) -> Option<IpAddr> {
    let Some((ip, prefix)) = parse_cidr(text) else {
        acc.push(ctx.diag(&RULE, v.range, format!("\"{text}\" is not an IP address or CIDR block (like 203.0.113.0/24 or 2001:db8::/32)")));
        return None;
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
            &RULE,
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
    Some(ip)
}

/// Values of mixed JSON types.
pub(crate) fn check_json_types(
    ctx: &RuleCtx<'_>,
    c: &ConditionEntry<'_>,
    acc: &mut Vec<Diagnostic>,
) {
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
            &RULE,
            c.key.value.as_ref().map_or(c.key.key.range, |v| v.range),
            format!(
                "the values of \"{}\" mix JSON types: use strings throughout",
                c.key.key.text
            ),
        ));
    }
}

/// One value of a Bool, Null, Numeric, Date, Binary or Arn operator (the Bool and Null
/// values go to `bools`).
pub(crate) fn check_value(
    ctx: &RuleCtx<'_>,
    c: &ConditionEntry<'_>,
    op: &Operator,
    v: &Node,
    text: &str,
    bools: &mut Vec<String>,
    acc: &mut Vec<Diagnostic>,
) {
    match op.family {
        Family::Bool | Family::Null => {
            let lower = text.to_ascii_lowercase();
            if lower != "true" && lower != "false" {
                let mut d = ctx.diag(
                    &RULE,
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
                acc.push(ctx.diag(&RULE, v.range, format!("\"{text}\" is not a number")));
            }
        }
        Family::Date => {
            if !is_date(text) {
                acc.push(ctx.diag(&RULE, v.range, format!("\"{text}\" is not a date: use ISO 8601 (2026-01-31T12:00:00Z) or epoch seconds")));
            }
        }
        Family::Binary => {
            if !is_base64(text) {
                acc.push(ctx.diag(
                    &RULE,
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
                    &RULE,
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
        Family::Ip | Family::String => {}
    }
}

/// Both true and false for one Bool key.
pub(crate) fn check_bools(
    ctx: &RuleCtx<'_>,
    c: &ConditionEntry<'_>,
    op: &Operator,
    bools: &[String],
    acc: &mut Vec<Diagnostic>,
) {
    if op.family == Family::Bool
        && bools.iter().any(|b| b == "true")
        && bools.iter().any(|b| b == "false")
    {
        acc.push(ctx.diag(&RULE, c.key.value.as_ref().map_or(c.key.key.range, |v| v.range), format!("\"{}\" is given both true and false, so the condition always matches when the key is present", c.key.key.text)));
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
                error[invalid-condition-value]: Bool takes "true" or "false", not "no"
                 --> a.iam.json:1:141
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "no"}}}]}
                   |                                                                                                                                             ^^^^
                   = fix: Change to "false"

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
