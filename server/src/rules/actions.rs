//! Action rules: unknown services and actions, patterns that match nothing, case,
//! redundancy, NotAction with Allow, wildcards in the service prefix.

pub mod action_case;
pub mod malformed_action;
pub mod not_action_with_allow;
pub mod redundant_action;
pub mod unknown_action;
pub mod unknown_service;
pub mod wildcard_in_service;
pub mod wildcard_matches_nothing;

use crate::FastMap as HashMap;

use super::RuleCtx;
use crate::catalog::{has_wildcard, wildcard_match};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix, Severity};
use crate::model::{Effect, Statement, StrValue};
use crate::syntax::{TextRange, Value};

pub(crate) fn check(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    let (values, is_not) = st.action_values();
    if is_not && st.effect() == Some(Effect::Allow) {
        if let Some(m) = st.not_action {
            acc.push(ctx.diag(&not_action_with_allow::RULE, m.key.range, format!("{} allows every action except the {} listed, including actions of services added later: list the actions you need in \"Action\" instead", st.label(), values.len())));
        }
    }
    let date = &ctx.catalog.provenance().date;
    for v in &values {
        action(ctx, v, date, acc);
    }
    redundant(ctx, st, &values, acc);
}

fn action(ctx: &RuleCtx<'_>, v: &StrValue<'_>, date: &str, acc: &mut Vec<Diagnostic>) {
    let text = v.text;
    if text == "*" || ctx.config.is_extra_action(text) {
        return;
    }
    let range = v.node.inner_range();
    let Some((prefix, name)) = crate::catalog::split_colon(text) else {
        acc.push(ctx.diag(
            &malformed_action::RULE,
            v.range(),
            format!("\"{text}\" is not an action: write service:Action, e.g. \"s3:GetObject\""),
        ));
        return;
    };
    if crate::catalog::has_colon(name)
        || crate::catalog::has_whitespace(text)
        || prefix.is_empty()
        || name.is_empty()
    {
        acc.push(ctx.diag(
            &malformed_action::RULE,
            v.range(),
            format!("\"{text}\" is not an action: write service:Action, e.g. \"s3:GetObject\""),
        ));
        return;
    }
    if has_wildcard(prefix) {
        acc.push(ctx.diag(&wildcard_in_service::RULE, v.range(), format!("the wildcard in the service prefix of \"{text}\" matches actions of many services, including future ones: name the services")));
        if !ctx.catalog.matches_any_action(text) {
            acc.push(ctx.diag(
                &wildcard_matches_nothing::RULE,
                range,
                format!("\"{text}\" matches no action in the catalog ({date})"),
            ));
        }
        return;
    }
    let Some(service) = ctx.catalog.service(prefix) else {
        let mut d = ctx.diag(
            &unknown_service::RULE,
            sub_range(range, 0, prefix.len()),
            format!("service prefix \"{prefix}\" is not in the catalog of {date}: if it is new or retired, add its actions to [catalog] extra-actions"),
        );
        // Without a close match this is more likely a service the catalog lacks (newer,
        // or retired but still in deployed policies) than a typo: a warning.
        let level = d.severity;
        d.severity = level.max(Severity::Warning);
        if let Some(s) = ctx.catalog.suggest_service(prefix) {
            if crate::suggest::likely_typo(prefix, &s) {
                d.severity = level;
            }
            d.message = format!(
                "unknown service prefix \"{prefix}\": did you mean \"{s}\"? (catalog of {date})"
            );
            d.fixes.push(Fix::replace(
                format!("Change to \"{s}\""),
                sub_range(range, 0, prefix.len()),
                s,
                Applicability::Safe,
            ));
        }
        acc.push(d);
        return;
    };
    if has_wildcard(name) {
        if !ctx.catalog.matches_any_action(text) {
            acc.push(ctx.diag(
                &wildcard_matches_nothing::RULE,
                range,
                format!(
                    "\"{text}\" matches no {} action in the catalog ({date})",
                    service.prefix
                ),
            ));
        }
        return;
    }
    let Some(found) = service.action_name(name) else {
        // The whole action is underlined (prefix included), so the finding starts where
        // the action does, as Access Analyzer points at the action.
        let mut d = ctx.diag(
            &unknown_action::RULE,
            range,
            format!(
                "{} has no action \"{name}\" in the catalog of {date}: if it is newer, add it to [catalog] extra-actions",
                service.prefix
            ),
        );
        let level = d.severity;
        d.severity = level.max(Severity::Warning);
        if let Some(s) = ctx.catalog.suggest_action(prefix, name) {
            if crate::suggest::likely_typo(text, &s) {
                d.severity = level;
            }
            d.message = format!(
                "{} has no action \"{name}\": did you mean \"{s}\"? (catalog of {date})",
                service.prefix
            );
            d.fixes.push(Fix::replace(
                format!("Change to \"{s}\""),
                range,
                s,
                Applicability::Safe,
            ));
        }
        acc.push(d);
        return;
    };
    if prefix != service.prefix || name != found {
        let canonical = format!("{}:{}", service.prefix, found);
        let mut d = ctx.diag(
            &action_case::RULE,
            range,
            format!("AWS spells this action \"{canonical}\" (IAM ignores case, so this works)"),
        );
        d.fixes.push(Fix::replace(
            format!("Change to \"{canonical}\""),
            range,
            canonical,
            Applicability::Safe,
        ));
        acc.push(d);
    }
}

/// The range of bytes `from..to` of a string's contents (ASCII-safe for action text).
fn sub_range(inner: TextRange, from: usize, to: usize) -> TextRange {
    let start = inner.start as usize + from;
    TextRange::new(
        start.min(inner.end as usize),
        (inner.start as usize + to).min(inner.end as usize),
    )
}

fn redundant(
    ctx: &RuleCtx<'_>,
    st: &Statement<'_>,
    values: &[StrValue<'_>],
    acc: &mut Vec<Diagnostic>,
) {
    if values.len() < 2 {
        return;
    }
    let member = st.action.or(st.not_action);
    let items = match member.and_then(|m| m.value.as_ref()).map(|n| &n.value) {
        Some(Value::Array(a)) => &a.items,
        _ => return,
    };
    // Which earlier duplicate or wildcard entry covers each value. Only duplicates
    // and wildcard entries can cover anything, and a wildcard entry whose service
    // prefix has no wildcard only covers values of that service: index them so that
    // large policies (thousands of actions) are not compared pairwise.
    // All lowercased into one buffer (one allocation, not one per value).
    let mut buf = String::with_capacity(values.iter().map(|v| v.text.len()).sum());
    let mut ends = Vec::with_capacity(values.len());
    for v in values {
        buf.push_str(v.text);
        ends.push(buf.len());
    }
    buf.make_ascii_lowercase();
    let mut start = 0;
    let lowers: Vec<&str> = ends
        .iter()
        .map(|&end| {
            let l = &buf[start..end];
            start = end;
            l
        })
        .collect();
    fn service_of(l: &str) -> &str {
        crate::catalog::split_colon(l).map_or(l, |(p, _)| p)
    }
    let mut first: HashMap<&str, usize> =
        HashMap::with_capacity_and_hasher(values.len(), Default::default());
    let mut wild_by_service: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut wild_any_service: Vec<usize> = Vec::new();
    for (j, &wl) in lowers.iter().enumerate() {
        first.entry(wl).or_insert(j);
        if has_wildcard(wl) {
            let svc = service_of(wl);
            if has_wildcard(svc) || !crate::catalog::has_colon(wl) {
                wild_any_service.push(j);
            } else {
                wild_by_service.entry(svc).or_default().push(j);
            }
        }
    }
    for (i, v) in values.iter().enumerate() {
        let lower = lowers[i];
        // the later duplicate is the redundant one
        let dup = first.get(lower).copied().filter(|&j| j < i);
        let covers = |&j: &usize| {
            let wl = lowers[j];
            j != i
                && wl != lower
                && wildcard_match(wl, lower)
                && !(has_wildcard(lower) && wildcard_match(lower, wl) && j > i)
        };
        let same_service = wild_by_service
            .get(service_of(lower))
            .and_then(|js| js.iter().find(|j| covers(j)).copied());
        let any_service = wild_any_service.iter().find(|j| covers(j)).copied();
        let covered_by = [dup, same_service, any_service].into_iter().flatten().min();
        let Some(by) = covered_by.map(|j| &values[j]) else {
            continue;
        };
        let why = if by.text.eq_ignore_ascii_case(v.text) {
            "is listed twice".to_string()
        } else {
            format!("is already covered by \"{}\"", by.text)
        };
        let mut d = ctx.diag(
            &redundant_action::RULE,
            v.range(),
            format!("\"{}\" {why}", v.text),
        );
        if let Some(edit) = remove_item(ctx.text, items, v.node.range) {
            d.fixes.push(Fix {
                title: format!("Remove \"{}\"", v.text),
                edits: vec![edit],
                applicability: Applicability::Safe,
            });
        }
        acc.push(d);
    }
}

/// An edit that removes one item from an array, with its separating comma.
pub(crate) fn remove_item(
    text: &str,
    items: &[crate::syntax::Node],
    target: TextRange,
) -> Option<Edit> {
    let i = items.iter().position(|n| n.range == target)?;
    let range = if i + 1 < items.len() {
        TextRange::new(
            items[i].range.start as usize,
            items[i + 1].range.start as usize,
        )
    } else if i > 0 {
        TextRange::new(items[i - 1].range.end as usize, items[i].range.end as usize)
    } else {
        items[i].range
    };
    let _ = text;
    Some(Edit {
        range,
        text: String::new(),
    })
}
