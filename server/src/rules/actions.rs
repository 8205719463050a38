//! Action rules: unknown services and actions, patterns that match nothing, case,
//! redundancy, NotAction with Allow, wildcards in the service prefix.

group! {
    unknown_service,
    unknown_action,
    malformed_action,
    wildcard_matches_nothing,
    action_case,
    redundant_action,
    not_action_with_allow,
    wildcard_in_service,
}

use super::RuleCtx;
use crate::catalog::has_wildcard;
use crate::diagnostic::{Diagnostic, Edit};
use crate::model::{Statement, StrValue};
use crate::syntax::TextRange;

pub(crate) fn check(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    let (values, _) = st.action_values();
    let date = &ctx.catalog.provenance().date;
    for v in &values {
        action(ctx, v, date, acc);
    }
}

/// One action value: the first of malformed, wildcard in the service, unknown service,
/// matches nothing, unknown action and spelling that applies.
fn action(ctx: &RuleCtx<'_>, v: &StrValue<'_>, date: &str, acc: &mut Vec<Diagnostic>) {
    let text = v.text;
    if text == "*" || ctx.config.is_extra_action(text) {
        return;
    }
    let range = v.node.inner_range();
    let Some((prefix, name)) = crate::catalog::split_colon(text).filter(|(prefix, name)| {
        !(crate::catalog::has_colon(name)
            || crate::catalog::has_whitespace(text)
            || prefix.is_empty()
            || name.is_empty())
    }) else {
        malformed_action::check(ctx, v, acc);
        return;
    };
    if has_wildcard(prefix) {
        wildcard_in_service::check(ctx, v, acc);
        wildcard_matches_nothing::check(ctx, text, range, None, date, acc);
        return;
    }
    let Some(service) = ctx.catalog.service(prefix) else {
        unknown_service::check(ctx, prefix, sub_range(range, 0, prefix.len()), date, acc);
        return;
    };
    if has_wildcard(name) {
        wildcard_matches_nothing::check(ctx, text, range, Some(&service.prefix), date, acc);
        return;
    }
    let Some(found) = service.action_name(name) else {
        unknown_action::check(ctx, &service.prefix, text, (prefix, name), range, date, acc);
        return;
    };
    if prefix != service.prefix || name != found {
        action_case::check(ctx, &format!("{}:{}", service.prefix, found), range, acc);
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
