//! Completion: element names, Effect and Version values, service prefixes and actions,
//! resource ARN templates, principal types and values, condition operators, condition
//! keys ranked by the statement's actions, and values for keys with known values.

mod keys;
mod values;

use super::context::{self, CursorContext, Spot};
use crate::analysis::Analysis;
use crate::catalog::families::{self, KeyEntry};
use crate::catalog::usage::{self, Audience};
use crate::catalog::{has_wildcard, Catalog, KeyType};
use crate::model::{DocKind, Statement, PRINCIPAL_TYPES, STATEMENT_ELEMENTS, TOP_LEVEL_ELEMENTS};
use crate::rules::conditions::{all_operator_names, parse_operator, Family};
use crate::syntax::TextRange;
use crate::FastSet;
use keys::*;
use values::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    Property,
    Value,
    Service,
    Action,
    Operator,
    Key,
    Snippet,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: ItemKind,
    pub detail: Option<String>,
    pub documentation: Option<String>,
    /// The text that replaces `range`.
    pub insert: String,
    /// Whether `insert` is a snippet (`${1:placeholder}`).
    pub snippet: bool,
    pub range: TextRange,
    /// Sorts before other items (lower first).
    pub sort: String,
    /// Whether accepting this item should ask for completion again (after `s3:`).
    pub retrigger: bool,
}

/// Upper bound on returned items. Lists are marked incomplete, so clients ask again as
/// the user types and the best-ranked matches for the longer prefix come back; a
/// longer list costs every keystroke time (about 20 µs an item to build, convert,
/// send and parse) for entries nobody scrolls to.
const MAX_ITEMS: usize = 100;

pub fn completions(analysis: &Analysis, catalog: &Catalog, offset: usize) -> Vec<CompletionItem> {
    if analysis.host.is_some() {
        return super::embedded::completions(analysis, catalog, offset);
    }
    completions_in(analysis, catalog, offset, false)
}

/// The completions of a policy document; `embedded`: it is a policy written in a host
/// file, where a key being typed in YAML reads as a string value.
pub(crate) fn completions_in(
    analysis: &Analysis,
    catalog: &Catalog,
    offset: usize,
    embedded: bool,
) -> Vec<CompletionItem> {
    let Some(root) = analysis.parse.root.as_ref() else {
        return top_level_skeleton(offset);
    };
    let Some(ctx) = context::at(root, &analysis.text, offset) else {
        return Vec::new();
    };
    let mut acc = Vec::new();
    let keys: Vec<&str> = ctx.keys.clone();
    let on_key = matches!(ctx.spot, Spot::Key(_) | Spot::NewKey);
    // Where the new key would go: for `Spot::Key` the key's container is one level up.
    let container: &[&str] = match ctx.spot {
        Spot::Key(_) => &keys[..keys.len().saturating_sub(1)],
        _ => &keys,
    };
    match (on_key, container) {
        (true, []) => elements(&ctx, TOP_LEVEL_ELEMENTS, present_keys(root), &mut acc),
        (true, ["Statement"]) => statement_elements(&ctx, analysis.kind.kind, &mut acc),
        (true, ["Statement", "Principal" | "NotPrincipal"]) => {
            for t in PRINCIPAL_TYPES {
                acc.push(item(
                    &ctx,
                    t,
                    ItemKind::Property,
                    Some("principal type"),
                    None,
                    key_insert(&ctx, t, "\"$1\""),
                    "0",
                ));
            }
        }
        (true, ["Statement", "Condition"]) => operators(&ctx, &mut acc),
        (true, ["Statement", "Condition", op]) => {
            condition_keys(&ctx, catalog, analysis.kind.kind, op, &mut acc)
        }
        // `StringEquals:` over a line `aws:Sou` being typed: YAML reads a scalar.
        (false, ["Statement", "Condition", op])
            if embedded && matches!(ctx.spot, Spot::StringValue(_)) =>
        {
            condition_keys(&ctx, catalog, analysis.kind.kind, op, &mut acc)
        }
        (false, ["Version"]) => versions(&ctx, &mut acc),
        (false, ["Statement", "Effect"]) => effects(&ctx, &mut acc),
        (false, ["Statement", "Action" | "NotAction"]) => {
            actions(&ctx, catalog, audience(analysis.kind.kind), &mut acc)
        }
        (false, ["Statement", "Resource" | "NotResource"]) => resources(&ctx, catalog, &mut acc),
        (false, ["Statement", "Principal" | "NotPrincipal"]) => {
            acc.push(item(
                &ctx,
                "*",
                ItemKind::Value,
                Some("everyone (anonymous included)"),
                None,
                value_insert(&ctx, "*"),
                "1",
            ));
        }
        (false, ["Statement", "Principal" | "NotPrincipal", t]) => {
            principal_values(&ctx, catalog, t, &mut acc)
        }
        (false, ["Statement", "Condition", op, key]) => {
            condition_values(&ctx, catalog, op, key, &mut acc)
        }
        _ => {}
    }
    filter(&ctx, &mut acc);
    acc
}

/// The statement elements not yet present that the kind allows (no `Principal` in
/// identity policies and SCPs, no `Resource` in trust policies).
fn statement_elements(ctx: &CursorContext<'_>, kind: DocKind, acc: &mut Vec<CompletionItem>) {
    let present = ctx
        .statement
        .as_ref()
        .and_then(|s| s.node.as_object())
        .map(|o| o.members.iter().map(|m| m.key.text.clone()).collect())
        .unwrap_or_default();
    let allowed: Vec<&str> = STATEMENT_ELEMENTS
        .iter()
        .copied()
        .filter(|e| !(matches!(kind, DocKind::Identity | DocKind::Scp) && e.ends_with("Principal")))
        .filter(|e| !(kind == DocKind::Trust && e.ends_with("Resource")))
        .collect();
    elements(ctx, &allowed, present, acc);
}

fn versions(ctx: &CursorContext<'_>, acc: &mut Vec<CompletionItem>) {
    for (v, d) in [
        ("2012-10-17", "current policy language"),
        ("2008-10-17", "legacy: no policy variables"),
    ] {
        acc.push(item(
            ctx,
            v,
            ItemKind::Value,
            Some(d),
            None,
            value_insert(ctx, v),
            if v.starts_with("2012") { "0" } else { "1" },
        ));
    }
}

fn effects(ctx: &CursorContext<'_>, acc: &mut Vec<CompletionItem>) {
    for v in ["Allow", "Deny"] {
        acc.push(item(
            ctx,
            v,
            ItemKind::Value,
            None,
            None,
            value_insert(ctx, v),
            "0",
        ));
    }
}

/// The documentation of the item labelled `label` among the completions at `offset`
/// (what `completionItem/resolve` fills in for a list sent without it).
pub fn documentation(
    analysis: &Analysis,
    catalog: &Catalog,
    offset: usize,
    label: &str,
) -> Option<String> {
    if !analysis.text.is_char_boundary(offset) {
        return None; // not an offset this server handed out
    }
    completions(analysis, catalog, offset)
        .into_iter()
        .find(|it| it.label == label)
        .and_then(|it| it.documentation)
}

fn top_level_skeleton(offset: usize) -> Vec<CompletionItem> {
    vec![CompletionItem {
        label: "policy".to_string(),
        kind: ItemKind::Snippet,
        detail: Some("a new policy document".to_string()),
        documentation: None,
        insert: "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"$1\",\n      \"Effect\": \"${2|Allow,Deny|}\",\n      \"Action\": \"$3\",\n      \"Resource\": \"$4\"\n    }\n  ]\n}".to_string(),
        snippet: true,
        range: TextRange::empty(offset),
        sort: "0".to_string(),
        retrigger: false,
    }]
}

fn present_keys(root: &crate::syntax::Node) -> Vec<String> {
    root.as_object()
        .map(|o| o.members.iter().map(|m| m.key.text.clone()).collect())
        .unwrap_or_default()
}

/// Keeps items whose label contains what was typed (case-insensitive), best first.
fn filter(ctx: &CursorContext<'_>, acc: &mut Vec<CompletionItem>) {
    let typed = ctx.typed.to_ascii_lowercase();
    select(&typed, acc, |it| (&it.label, &it.sort));
    if !typed.is_empty() {
        for it in acc.iter_mut() {
            let prefix = starts_with_ignore_case(&it.label, &typed);
            it.sort = format!("{}{}", if prefix { "0" } else { "1" }, it.sort);
        }
    }
}

/// The selection of [`filter`], for anything with a label and a sort key: keeps what
/// contains `typed` (lowercase; labels starting with `*` always), orders labels that
/// start with it first, then by sort key and label, keeps the first of equal labels
/// and at most [`MAX_ITEMS`].
fn select<T>(typed: &str, v: &mut Vec<T>, key: impl Fn(&T) -> (&str, &str)) {
    if !typed.is_empty() {
        v.retain(|it| {
            let label = key(it).0;
            contains_ignore_case(label, typed) || label.starts_with('*')
        });
    }
    let prefixed = |label: &str| typed.is_empty() || starts_with_ignore_case(label, typed);
    v.sort_by(|a, b| {
        let ((la, sa), (lb, sb)) = (key(a), key(b));
        (!prefixed(la), sa, la).cmp(&(!prefixed(lb), sb, lb))
    });
    let mut seen = FastSet::default();
    let first: Vec<bool> = v.iter().map(|it| seen.insert(key(it).0)).collect();
    let mut first = first.into_iter();
    v.retain(|_| first.next().unwrap_or(false));
    v.truncate(MAX_ITEMS);
}

/// `typed` is lowercase ASCII or not; labels compare as ASCII-lowercased.
fn starts_with_ignore_case(label: &str, typed: &str) -> bool {
    label.len() >= typed.len()
        && label.as_bytes()[..typed.len()].eq_ignore_ascii_case(typed.as_bytes())
}

fn contains_ignore_case(label: &str, typed: &str) -> bool {
    let (l, t) = (label.as_bytes(), typed.as_bytes());
    t.is_empty() || l.windows(t.len()).any(|w| w.eq_ignore_ascii_case(t))
}

fn item(
    ctx: &CursorContext<'_>,
    label: &str,
    kind: ItemKind,
    detail: Option<&str>,
    doc: Option<String>,
    insert: (String, bool),
    sort: &str,
) -> CompletionItem {
    CompletionItem {
        label: label.to_string(),
        kind,
        detail: detail.map(str::to_string),
        documentation: doc,
        insert: insert.0,
        snippet: insert.1,
        range: ctx.replace,
        sort: sort.to_string(),
        retrigger: false,
    }
}

/// Escapes text for a snippet body.
fn esc(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('$', "\\$")
        .replace('}', "\\}")
}

/// A key: bare inside quotes, else `"Key": value` as a snippet.
fn key_insert(ctx: &CursorContext<'_>, key: &str, value_snippet: &str) -> (String, bool) {
    if ctx.in_string {
        (key.to_string(), false)
    } else {
        (format!("\"{}\": {value_snippet}", esc(key)), true)
    }
}

/// A string value: bare inside quotes, else quoted.
fn value_insert(ctx: &CursorContext<'_>, v: &str) -> (String, bool) {
    if ctx.in_string {
        (v.to_string(), false)
    } else {
        (format!("\"{v}\""), false)
    }
}

fn elements(
    ctx: &CursorContext<'_>,
    names: &[&str],
    present: Vec<String>,
    acc: &mut Vec<CompletionItem>,
) {
    let current = match ctx.spot {
        Spot::Key(m) => Some(m.key.text.as_str()),
        _ => None,
    };
    for (i, n) in names.iter().enumerate() {
        if present
            .iter()
            .any(|p| p == n && Some(p.as_str()) != current)
        {
            continue;
        }
        let value = match *n {
            "Version" => "\"2012-10-17\"",
            "Statement" => "[\n\t{\n\t\t\"Effect\": \"${1|Allow,Deny|}\",\n\t\t\"Action\": \"$2\",\n\t\t\"Resource\": \"$3\"\n\t}\n]",
            "Effect" => "\"${1|Allow,Deny|}\"",
            "Principal" | "NotPrincipal" => "{\n\t\"${1|AWS,Service,Federated,CanonicalUser|}\": \"$2\"\n}",
            "Condition" => "{\n\t\"$1\": {\n\t\t\"$2\": \"$3\"\n\t}\n}",
            "Action" | "NotAction" | "Resource" | "NotResource" => "[\n\t\"$1\"\n]",
            _ => "\"$1\"",
        };
        let doc = super::docs::element_doc(n).map(str::to_string);
        acc.push(item(
            ctx,
            n,
            ItemKind::Property,
            Some("policy element"),
            doc,
            key_insert(ctx, n, value),
            &format!("{i:02}"),
        ));
    }
}

fn operators(ctx: &CursorContext<'_>, acc: &mut Vec<CompletionItem>) {
    for (i, op) in all_operator_names().iter().enumerate() {
        let Some(parsed) = parse_operator(op) else {
            continue;
        };
        // Plain operators first, then IfExists, then set operators.
        let rank = match (parsed.set, parsed.if_exists) {
            (crate::rules::conditions::SetPrefix::None, false) => 0,
            (crate::rules::conditions::SetPrefix::None, true) => 1,
            _ => 2,
        };
        let doc = super::docs::operator_doc(op);
        acc.push(item(
            ctx,
            op,
            ItemKind::Operator,
            Some("condition operator"),
            doc,
            key_insert(ctx, op, "{\n\t\"$1\": \"$2\"\n}"),
            &format!("{rank}{i:03}"),
        ));
    }
}

/// Like `value_insert`, but leaves the string open for the rest (`"s3:` then actions).
fn value_insert_open(ctx: &CursorContext<'_>, v: &str) -> (String, bool) {
    if ctx.in_string {
        (v.to_string(), false)
    } else {
        (format!("\"{v}$1\""), true)
    }
}

#[cfg(test)]
mod tests;
