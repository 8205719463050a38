//! Completion: element names, Effect and Version values, service prefixes and actions,
//! resource ARN templates, principal types and values, condition operators, condition
//! keys ranked by the statement's actions, and values for keys with known values.

use super::context::{self, CursorContext, Spot};
use crate::analysis::Analysis;
use crate::catalog::families::{self, KeyEntry};
use crate::catalog::usage::{self, Audience};
use crate::catalog::{has_wildcard, Catalog, KeyType};
use crate::model::{DocKind, Statement, PRINCIPAL_TYPES, STATEMENT_ELEMENTS, TOP_LEVEL_ELEMENTS};
use crate::rules::conditions::{all_operator_names, parse_operator, Family};
use crate::syntax::TextRange;
use crate::FastSet;

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
        (true, ["Statement"]) => {
            let present = ctx
                .statement
                .as_ref()
                .and_then(|s| s.node.as_object())
                .map(|o| o.members.iter().map(|m| m.key.text.clone()).collect())
                .unwrap_or_default();
            let allowed: Vec<&str> = STATEMENT_ELEMENTS
                .iter()
                .copied()
                .filter(|e| {
                    !(matches!(analysis.kind.kind, DocKind::Identity | DocKind::Scp)
                        && e.ends_with("Principal"))
                })
                .filter(|e| !(analysis.kind.kind == DocKind::Trust && e.ends_with("Resource")))
                .collect();
            elements(&ctx, &allowed, present, &mut acc);
        }
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
        (false, ["Version"]) => {
            for (v, d) in [
                ("2012-10-17", "current policy language"),
                ("2008-10-17", "legacy: no policy variables"),
            ] {
                acc.push(item(
                    &ctx,
                    v,
                    ItemKind::Value,
                    Some(d),
                    None,
                    value_insert(&ctx, v),
                    if v.starts_with("2012") { "0" } else { "1" },
                ));
            }
        }
        (false, ["Statement", "Effect"]) => {
            for v in ["Allow", "Deny"] {
                acc.push(item(
                    &ctx,
                    v,
                    ItemKind::Value,
                    None,
                    None,
                    value_insert(&ctx, v),
                    "0",
                ));
            }
        }
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
        let doc = super::hover::element_doc(n).map(str::to_string);
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
        let doc = super::hover::operator_doc(op);
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

/// Condition keys that apply to the statement: its actions' keys and the global keys
/// (other services' keys once the user has typed two letters of a prefix), most used
/// first (by real policies, with the statement's services: [`usage`]), keys whose type
/// does not fit the operator last. Numbered families (`kms:RecipientAttestation:PCR0`
/// … `PCR31`) are one item until the user types into the numbers.
fn condition_keys(
    ctx: &CursorContext<'_>,
    catalog: &Catalog,
    kind: DocKind,
    op: &str,
    acc: &mut Vec<CompletionItem>,
) {
    let family = parse_operator(op).map(|o| o.family);
    let typed = ctx.typed.to_ascii_lowercase();
    let audience = audience(kind);
    let (actions, services) = statement_actions(ctx.statement.as_ref());
    let actions: Vec<&str> = actions.iter().map(String::as_str).collect();
    let services: Vec<&str> = services.iter().map(String::as_str).collect();
    let statement = usage::usage().statement(&actions, &services);
    let usage = usage::usage();
    // (names, tier): tiers order keys equally used (often: never).
    let mut lists: Vec<(Vec<&str>, char)> =
        vec![(statement_keys(catalog, ctx.statement.as_ref()), '0')];
    let globals = catalog.global_keys();
    lists.push((
        globals
            .iter()
            .filter(|g| g.name.starts_with("aws:"))
            .map(|g| g.name.as_str())
            .collect(),
        '1',
    ));
    // Identity-provider keys (`token.actions.githubusercontent.com:sub`) belong in trust
    // policies; elsewhere they come when typed for.
    if kind == DocKind::Trust || !typed.is_empty() {
        lists.push((
            globals
                .iter()
                .filter(|g| !g.name.starts_with("aws:"))
                .map(|g| g.name.as_str())
                .collect(),
            '2',
        ));
    }
    // Other services' keys, once the user has typed enough to narrow them down.
    let other_services: Vec<&crate::catalog::Service> =
        if let Some((svc, _)) = typed.split_once(':') {
            catalog.service(svc).into_iter().collect()
        } else if typed.len() >= 2 {
            catalog
                .services()
                .iter()
                .filter(|s| s.prefix.starts_with(&typed))
                .collect()
        } else {
            Vec::new()
        };
    for s in other_services {
        lists.push((s.keys.iter().map(|k| k.name.as_str()).collect(), '3'));
    }
    // Candidates first (a few hundred), items only for those that survive the cut.
    let mut cands: Vec<(String, String, KeyEntry<'_>)> = Vec::new();
    for (names, tier) in &lists {
        for entry in families::group(names) {
            let entries = match entry {
                // Typing into the numbers lists the family's members.
                KeyEntry::Family(f)
                    if typed.len() > f.stem.len() && starts_with_ignore_case(&typed, f.stem) =>
                {
                    names
                        .iter()
                        .filter(|n| f.contains(n))
                        .map(|n| KeyEntry::One(n))
                        .collect()
                }
                e => vec![e],
            };
            for e in entries {
                let name = e.example();
                let fit = !matches!(
                    (family, catalog.condition_key_view(name)),
                    (Some(f), Some(i)) if !fits(f, i.key_type)
                );
                // A key whose type does not fit the operator goes after those that do
                // and are used as much, but before keys nobody uses.
                let score =
                    usage.key_score(name, &statement, audience) * if fit { 1.0 } else { 0.1 };
                let sort = format!(
                    "{}{}{tier}",
                    usage::rank_text(score),
                    if fit { '0' } else { '9' }
                );
                cands.push((e.label(), sort, e));
            }
        }
    }
    select(&typed, &mut cands, |c| (&c.0, &c.1));
    for (label, sort, entry) in cands {
        let info = catalog.condition_key_view(entry.example());
        let type_text = info.map(|i| {
            format!(
                "{}{}",
                i.key_type.as_str(),
                if i.multi_valued {
                    " (multi-valued)"
                } else {
                    ""
                }
            )
        });
        let (insert, snippet, detail) = match entry {
            KeyEntry::One(name) => {
                let (_, insert, snippet) = key_template(ctx, name);
                (insert, snippet, type_text)
            }
            KeyEntry::Family(f) => {
                let body = format!("{}${{1:{}}}", esc(f.stem), f.first);
                let insert = if ctx.in_string {
                    body
                } else {
                    format!("\"{body}\": \"$2\"")
                };
                let what = format!("{} numbered keys, {} to {}", f.count, f.first, f.last);
                let detail = match type_text {
                    Some(t) => format!("{t} · {what}"),
                    None => what,
                };
                (insert, true, Some(detail))
            }
        };
        let doc = info
            .map(|i| i.description.to_string())
            .filter(|d| !d.is_empty());
        acc.push(CompletionItem {
            label,
            kind: ItemKind::Key,
            detail,
            documentation: doc,
            insert,
            snippet,
            range: ctx.replace,
            sort,
            retrigger: false,
        });
    }
}

/// Which population of real policies ranks completion for a document of `kind`.
fn audience(kind: DocKind) -> Audience {
    match kind {
        DocKind::Identity | DocKind::Scp => Audience::Identity,
        _ => Audience::Resource,
    }
}

/// The statement's actions without wildcards, and the lowercase service prefixes of all
/// its actions (`*` names none), each sorted and without repeats.
fn statement_actions(st: Option<&Statement<'_>>) -> (Vec<String>, Vec<String>) {
    let Some(st) = st else {
        return (Vec::new(), Vec::new());
    };
    let (values, is_not) = st.action_values();
    if is_not {
        return (Vec::new(), Vec::new());
    }
    let mut actions = Vec::new();
    let mut services = Vec::new();
    for a in &values {
        let Some((s, _)) = a.text.split_once(':') else {
            continue;
        };
        services.push(s.to_ascii_lowercase());
        if !has_wildcard(a.text) {
            actions.push(a.text.to_string());
        }
    }
    for v in [&mut actions, &mut services] {
        v.sort();
        v.dedup();
    }
    (actions, services)
}

fn fits(f: Family, t: KeyType) -> bool {
    matches!(
        (f, t),
        (Family::Null, _)
            | (Family::String, KeyType::String | KeyType::Arn)
            | (Family::Arn, KeyType::Arn | KeyType::String)
            | (Family::Numeric, KeyType::Numeric)
            | (Family::Date, KeyType::Date)
            | (Family::Bool, KeyType::Bool)
            | (Family::Binary, KeyType::Binary)
            | (Family::Ip, KeyType::IpAddress)
    )
}

/// `aws:RequestTag/${TagKey}` → label as documented, snippet `aws:RequestTag/${1:TagKey}`.
fn key_template(ctx: &CursorContext<'_>, name: &str) -> (String, String, bool) {
    let mut snippet = String::new();
    let mut rest = name;
    let mut n = 1;
    let mut has_placeholder = false;
    while let Some(i) = rest.find("${").or_else(|| rest.find('<')) {
        let (open, close) = if rest[i..].starts_with("${") {
            (2, '}')
        } else {
            (1, '>')
        };
        let Some(j) = rest[i..].find(close) else {
            break;
        };
        snippet.push_str(&esc(&rest[..i]));
        snippet.push_str(&format!("${{{n}:{}}}", esc(&rest[i + open..i + j])));
        n += 1;
        has_placeholder = true;
        rest = &rest[i + j + 1..];
    }
    snippet.push_str(&esc(rest));
    let body = if has_placeholder {
        snippet
    } else {
        name.to_string()
    };
    if ctx.in_string {
        (name.to_string(), body, has_placeholder)
    } else {
        let val = if has_placeholder {
            format!("\"{body}\": \"${{{n}}}\"")
        } else {
            format!("\"{}\": \"$1\"", esc(name))
        };
        (name.to_string(), val, true)
    }
}

/// Condition keys supported by the statement's actions (exact and wildcard ones).
fn statement_keys<'c>(catalog: &'c Catalog, st: Option<&Statement<'_>>) -> Vec<&'c str> {
    let Some(st) = st else { return Vec::new() };
    let (actions, is_not) = st.action_values();
    if is_not {
        return Vec::new();
    }
    let mut pairs: Vec<(&str, &str)> = Vec::new();
    for a in &actions {
        if a.text == "*" {
            continue;
        }
        for (s, act) in catalog.match_actions(a.text).into_iter().take(200) {
            pairs.push((&s.prefix, &act.name));
        }
    }
    catalog.keys_for_actions_ref(pairs)
}

/// Services, then a service's actions, most used by real policies first.
fn actions(
    ctx: &CursorContext<'_>,
    catalog: &Catalog,
    audience: Audience,
    acc: &mut Vec<CompletionItem>,
) {
    let typed = ctx.typed.as_str();
    let usage = usage::usage();
    match typed.split_once(':') {
        None => {
            for s in catalog.services() {
                let mut it = item(
                    ctx,
                    &format!("{}:", s.prefix),
                    ItemKind::Service,
                    Some(&s.name),
                    None,
                    value_insert_open(ctx, &format!("{}:", s.prefix)),
                    &format!(
                        "1{}",
                        usage::rank_text(usage.service_score(&s.prefix, audience))
                    ),
                );
                it.retrigger = true;
                acc.push(it);
            }
            acc.push(item(
                ctx,
                "*",
                ItemKind::Value,
                Some("every action of every service"),
                None,
                value_insert(ctx, "*"),
                "2",
            ));
        }
        Some((prefix, _)) => {
            let Some(s) = catalog.service(prefix) else {
                return;
            };
            acc.push(item(
                ctx,
                &format!("{}:*", s.prefix),
                ItemKind::Value,
                Some(&format!("all {} actions of {}", s.actions().len(), s.name)),
                None,
                value_insert(ctx, &format!("{}:*", s.prefix)),
                "2",
            ));
            for verb in ["Get", "List", "Describe"] {
                let n = s
                    .actions()
                    .iter()
                    .filter(|a| a.name.starts_with(verb))
                    .count();
                if n > 1 {
                    let label = format!("{}:{verb}*", s.prefix);
                    acc.push(item(
                        ctx,
                        &label,
                        ItemKind::Value,
                        Some(&format!("{n} actions")),
                        None,
                        value_insert(ctx, &label),
                        "2",
                    ));
                }
            }
            for a in s.actions() {
                let label = format!("{}:{}", s.prefix, a.name);
                let doc = if a.description.is_empty() {
                    None
                } else {
                    Some(a.description.clone())
                };
                acc.push(item(
                    ctx,
                    &label,
                    ItemKind::Action,
                    Some(a.access_level.as_str()),
                    doc,
                    value_insert(ctx, &label),
                    &format!(
                        "1{}",
                        usage::rank_text(usage.action_score(&label, audience))
                    ),
                ));
            }
        }
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

fn resources(ctx: &CursorContext<'_>, catalog: &Catalog, acc: &mut Vec<CompletionItem>) {
    acc.push(item(
        ctx,
        "*",
        ItemKind::Value,
        Some("every resource"),
        None,
        value_insert(ctx, "*"),
        "2",
    ));
    let Some(st) = ctx.statement.as_ref() else {
        return;
    };
    let (actions, _) = st.action_values();
    let mut seen = FastSet::default();
    for a in &actions {
        if a.text == "*" || a.text.split_once(':').is_none_or(|(p, _)| has_wildcard(p)) {
            continue;
        }
        for (s, act) in catalog.match_actions(a.text).into_iter().take(50) {
            for (rt_name, _) in &act.resource_types {
                let Some(rt) = s.resource_type(rt_name) else {
                    continue;
                };
                for fmt in &rt.arn_formats {
                    if !seen.insert(fmt.clone()) {
                        continue;
                    }
                    let (label, snippet) = arn_snippet(fmt);
                    let body = if ctx.in_string {
                        snippet
                    } else {
                        format!("\"{snippet}\"")
                    };
                    acc.push(CompletionItem {
                        label,
                        kind: ItemKind::Snippet,
                        detail: Some(format!("{} {}", s.prefix, rt.name)),
                        documentation: Some(format!(
                            "ARN format of the `{}` resource type, used by `{}:{}`",
                            rt.name, s.prefix, act.name
                        )),
                        insert: body,
                        snippet: true,
                        range: ctx.replace,
                        sort: "0".to_string(),
                        retrigger: false,
                    });
                }
            }
        }
    }
}

/// `arn:${Partition}:s3:::${BucketName}/${ObjectName}` → label with `aws`, snippet with
/// numbered placeholders.
fn arn_snippet(fmt: &str) -> (String, String) {
    let label = fmt.replace("${Partition}", "aws");
    let mut out = String::new();
    let mut rest = label.as_str();
    let mut n = 1;
    while let Some(i) = rest.find("${") {
        let Some(j) = rest[i..].find('}') else { break };
        out.push_str(&esc(&rest[..i]));
        out.push_str(&format!("${{{n}:{}}}", esc(&rest[i + 2..i + j])));
        n += 1;
        rest = &rest[i + j + 1..];
    }
    out.push_str(&esc(rest));
    (label, out)
}

fn principal_values(
    ctx: &CursorContext<'_>,
    catalog: &Catalog,
    t: &str,
    acc: &mut Vec<CompletionItem>,
) {
    match t {
        "Service" => {
            for p in catalog.service_principals() {
                acc.push(item(
                    ctx,
                    p,
                    ItemKind::Value,
                    Some("service principal"),
                    None,
                    value_insert(ctx, p),
                    "1",
                ));
            }
        }
        "Federated" => {
            for (label, snip) in [
                ("arn:aws:iam::ACCOUNT:oidc-provider/token.actions.githubusercontent.com", "arn:aws:iam::${1:111122223333}:oidc-provider/token.actions.githubusercontent.com"),
                ("arn:aws:iam::ACCOUNT:oidc-provider/HOST", "arn:aws:iam::${1:111122223333}:oidc-provider/${2:host}"),
                ("arn:aws:iam::ACCOUNT:saml-provider/NAME", "arn:aws:iam::${1:111122223333}:saml-provider/${2:name}"),
            ] {
                let body = if ctx.in_string { snip.to_string() } else { format!("\"{snip}\"") };
                acc.push(CompletionItem { label: label.to_string(), kind: ItemKind::Snippet, detail: Some("identity provider".to_string()), documentation: None, insert: body, snippet: true, range: ctx.replace, sort: "0".to_string(), retrigger: false });
            }
            for d in [
                "cognito-identity.amazonaws.com",
                "accounts.google.com",
                "graph.facebook.com",
                "www.amazon.com",
            ] {
                acc.push(item(
                    ctx,
                    d,
                    ItemKind::Value,
                    Some("identity provider"),
                    None,
                    value_insert(ctx, d),
                    "1",
                ));
            }
        }
        "AWS" => {
            for (label, snip, detail) in [
                (
                    "arn:aws:iam::ACCOUNT:root",
                    "arn:aws:iam::${1:111122223333}:root",
                    "every principal of an account (its policies decide)",
                ),
                (
                    "arn:aws:iam::ACCOUNT:role/NAME",
                    "arn:aws:iam::${1:111122223333}:role/${2:name}",
                    "an IAM role",
                ),
                (
                    "arn:aws:iam::ACCOUNT:user/NAME",
                    "arn:aws:iam::${1:111122223333}:user/${2:name}",
                    "an IAM user",
                ),
                (
                    "arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION",
                    "arn:aws:sts::${1:111122223333}:assumed-role/${2:role}/${3:session}",
                    "one role session",
                ),
            ] {
                let body = if ctx.in_string {
                    snip.to_string()
                } else {
                    format!("\"{snip}\"")
                };
                acc.push(CompletionItem {
                    label: label.to_string(),
                    kind: ItemKind::Snippet,
                    detail: Some(detail.to_string()),
                    documentation: None,
                    insert: body,
                    snippet: true,
                    range: ctx.replace,
                    sort: "0".to_string(),
                    retrigger: false,
                });
            }
        }
        _ => {}
    }
}

/// Values of keys with a known set of values.
fn condition_values(
    ctx: &CursorContext<'_>,
    catalog: &Catalog,
    op: &str,
    key: &str,
    acc: &mut Vec<CompletionItem>,
) {
    let family = parse_operator(op).map(|o| o.family);
    let info = catalog.condition_key(key);
    let values: Vec<(&str, &str)> = if matches!(family, Some(Family::Bool | Family::Null))
        || info.as_ref().is_some_and(|i| i.key_type == KeyType::Bool)
    {
        vec![("true", ""), ("false", "")]
    } else {
        match key.to_ascii_lowercase().as_str() {
            "s3:x-amz-server-side-encryption" => vec![
                ("AES256", "SSE-S3: keys managed by S3"),
                ("aws:kms", "SSE-KMS: an AWS KMS key"),
                ("aws:kms:dsse", "DSSE-KMS: dual-layer encryption with KMS"),
            ],
            "s3:x-amz-acl" => vec![
                ("private", ""),
                ("bucket-owner-full-control", ""),
                ("bucket-owner-read", ""),
                ("public-read", "anyone can read"),
                ("public-read-write", "anyone can read and write"),
                ("authenticated-read", "any AWS account can read"),
            ],
            "token.actions.githubusercontent.com:aud" => vec![(
                "sts.amazonaws.com",
                "the audience GitHub's AWS action requests",
            )],
            "token.actions.githubusercontent.com:sub" => vec![
                (
                    "repo:OWNER/REPO:ref:refs/heads/main",
                    "one branch of one repository",
                ),
                (
                    "repo:OWNER/REPO:environment:NAME",
                    "one deployment environment",
                ),
                ("repo:OWNER/REPO:pull_request", "pull requests"),
            ],
            "aws:principaltype" => vec![
                ("AWSAccount", ""),
                ("AssumedRole", ""),
                ("FederatedUser", ""),
                ("User", ""),
                ("Anonymous", ""),
            ],
            "kms:viaservice" => vec![
                ("s3.us-east-1.amazonaws.com", ""),
                ("ec2.us-east-1.amazonaws.com", ""),
                ("rds.us-east-1.amazonaws.com", ""),
                ("secretsmanager.us-east-1.amazonaws.com", ""),
            ],
            "aws:requestedregion" => REGIONS.iter().map(|r| (*r, "")).collect(),
            _ => Vec::new(),
        }
    };
    for (v, d) in values {
        let detail = if d.is_empty() { None } else { Some(d) };
        acc.push(item(
            ctx,
            v,
            ItemKind::Value,
            detail,
            None,
            value_insert(ctx, v),
            "0",
        ));
    }
}

/// Commercial Regions, for `aws:RequestedRegion` values.
pub const REGIONS: &[&str] = &[
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::config::Config;
    use crate::ide::test_utils::extract_offset;

    fn labels(file: &str, fixture: &str) -> Vec<(String, String)> {
        let (text, offset) = extract_offset(fixture);
        let analysis = analyze(&text, Some(file), &Config::new());
        completions(&analysis, Catalog::builtin(), offset)
            .into_iter()
            .map(|it| (it.label, it.insert))
            .collect()
    }

    fn names(file: &str, fixture: &str) -> Vec<String> {
        labels(file, fixture).into_iter().map(|(l, _)| l).collect()
    }

    #[test]
    fn select_is_the_head_of_the_whole_ranking() {
        // The definition: rank every candidate (labels starting with what was typed
        // first, then sort key, then label), drop later duplicates of a label, cut.
        fn by_definition(typed: &str, v: &[(String, String)]) -> Vec<(String, String)> {
            let mut v: Vec<(String, String)> = v
                .iter()
                .filter(|(l, _)| l.to_ascii_lowercase().contains(typed) || l.starts_with('*'))
                .cloned()
                .collect();
            v.sort_by_key(|(l, s)| {
                (
                    !l.to_ascii_lowercase().starts_with(typed),
                    s.clone(),
                    l.clone(),
                )
            });
            let mut seen = std::collections::HashSet::new();
            v.retain(|(l, _)| seen.insert(l.clone()));
            v.truncate(MAX_ITEMS);
            v
        }
        let catalog = Config::default();
        let mut all: Vec<(String, String)> = Vec::new();
        for (i, k) in catalog.catalog().global_keys().iter().enumerate() {
            all.push((k.name.clone(), format!("{}", i % 3)));
            all.push((k.name.to_uppercase(), "1".into())); // same key, other casing
        }
        all.push(("aws:SourceIp".into(), "0".into())); // a duplicate ranked higher
        all.push(("*".into(), "5".into()));
        assert!(all.len() > 2 * MAX_ITEMS);
        for typed in ["", "aws:", "tag", "source", "zzz", "p"] {
            let mut got = all.clone();
            select(typed, &mut got, |(l, s)| (l, s));
            assert_eq!(got, by_definition(typed, &all), "typed {typed:?}");
        }
    }

    #[test]
    fn condition_keys_ranked_by_statement_actions() {
        let got = names(
            "p.iam.json",
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:PutObject", "Resource": "*", "Condition": {"StringEquals": {"$0"}}}]}"#,
        );
        let first_aws = got
            .iter()
            .position(|k| k == "aws:SourceIp")
            .expect("global keys offered");
        let sse = got
            .iter()
            .position(|k| k == "s3:x-amz-server-side-encryption")
            .expect("s3 key offered");
        assert!(
            sse < first_aws,
            "a key real policies use with PutObject comes before one they rarely use: {:?}",
            &got[..10]
        );
        assert!(
            got.iter().all(|k| !k.starts_with("ec2:")),
            "unrelated service keys are not offered before typing"
        );
    }

    /// Issue #16's measure: with nothing typed, kms:ViaService among the first 10, the
    /// resource-policy staples in the list, no numbered family spread over items.
    #[test]
    fn condition_keys_ranked_by_real_use() {
        let fixture = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "kms:Decrypt"], "Resource": "*", "Condition": {"StringEquals": {"$0"}}}]}"#;
        let got = names("p.iam.json", fixture);
        let pos = |k: &str| got.iter().position(|l| l == k);
        assert!(
            pos("kms:ViaService").is_some_and(|i| i < 10),
            "{:?}",
            &got[..10]
        );
        for k in ["aws:SecureTransport", "aws:SourceIp", "aws:PrincipalOrgID"] {
            assert!(pos(k).is_some(), "{k} missing from {got:?}");
        }
        let mut stems = std::collections::HashMap::new();
        for l in &got {
            if let Some((stem, _)) = crate::catalog::families::numbered(l) {
                *stems.entry(stem.to_string()).or_insert(0) += 1;
            }
        }
        assert!(stems.values().all(|&n| n <= 3), "{stems:?}");
        assert!(
            pos("kms:RecipientAttestation:PCR{0..31}").is_some(),
            "{got:?}"
        );
        // In a bucket policy, the keys of resource policies come first.
        let bucket = names(
            "b.s3.json",
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*", "Condition": {"Bool": {"$0"}}}]}"#,
        );
        assert_eq!(
            bucket.first().map(String::as_str),
            Some("aws:SecureTransport"),
            "{bucket:?}"
        );
    }

    #[test]
    fn numbered_family_is_one_snippet_until_a_number_is_typed() {
        let got = labels(
            "p.iam.json",
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:RecipientAttestation:P$0"}}}]}"#,
        );
        assert!(
            got.contains(&(
                "kms:RecipientAttestation:PCR{0..31}".to_string(),
                "kms:RecipientAttestation:PCR${1:0}".to_string()
            )),
            "{got:?}"
        );
        assert_eq!(got.len(), 1, "{got:?}");
        let got = names(
            "p.iam.json",
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:Decrypt", "Resource": "*", "Condition": {"StringEquals": {"kms:RecipientAttestation:PCR1$0"}}}]}"#,
        );
        assert_eq!(got.len(), 11, "PCR1 and PCR10..19: {got:?}");
        assert!(got
            .iter()
            .all(|l| l.starts_with("kms:RecipientAttestation:PCR1")));
    }

    #[test]
    fn actions_most_used_first() {
        let got = names(
            "p.iam.json",
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:$0", "Resource": "*"}]}"#,
        );
        let pos = |k: &str| got.iter().position(|l| l == k).unwrap_or(usize::MAX);
        assert!(pos("s3:GetObject") < 5, "{:?}", &got[..10]);
        assert!(
            pos("s3:GetObject") < pos("s3:AbortMultipartUpload"),
            "{got:?}"
        );
        let services = names(
            "p.iam.json",
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "$0", "Resource": "*"}]}"#,
        );
        let pos = |k: &str| services.iter().position(|l| l == k).unwrap_or(usize::MAX);
        assert!(pos("ec2:") < 10 && pos("s3:") < 20, "{:?}", &services[..20]);
        assert!(pos("s3:") < pos("a2c:"));
    }

    #[test]
    fn condition_key_in_broken_json() {
        let got = labels("p.iam.json", "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\", \"Condition\": {\"StringEquals\": {\"s3:Exi$0\n");
        assert!(
            got.iter()
                .any(|(l, i)| l == "s3:ExistingObjectTag/<key>"
                    && i == "s3:ExistingObjectTag/${1:key}"),
            "{got:?}"
        );
        assert!(
            got.iter()
                .all(|(l, _)| l.to_ascii_lowercase().contains("s3:exi")),
            "{got:?}"
        );
    }

    #[test]
    fn tag_key_templates_are_snippets() {
        let got = labels(
            "p.iam.json",
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*", "Condition": {"StringEquals": {"aws:Req$0"}}}]}"#,
        );
        assert!(
            got.iter()
                .any(|(l, i)| l == "aws:RequestTag/${TagKey}" && i == "aws:RequestTag/${1:TagKey}"),
            "{got:?}"
        );
    }

    #[test]
    fn operators_and_effect_and_version() {
        let got = names(
            "p.iam.json",
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"StringEq$0"}}]}"#,
        );
        assert_eq!(
            got.first().map(String::as_str),
            Some("StringEquals"),
            "{got:?}"
        );
        assert!(got.contains(&"ForAnyValue:StringEqualsIfExists".to_string()));
        assert_eq!(
            names("p.iam.json", r#"{"Statement": [{"Effect": "$0"}]}"#),
            ["Allow", "Deny"]
        );
        assert_eq!(
            names("p.iam.json", r#"{"Version": "$0"}"#),
            ["2012-10-17", "2008-10-17"]
        );
    }

    #[test]
    fn services_then_actions() {
        let got = labels(
            "p.iam.json",
            r#"{"Statement": [{"Action": ["s3:GetObj$0"]}]}"#,
        );
        assert!(got.iter().any(|(l, _)| l == "s3:GetObject"), "{got:?}");
        assert!(got
            .iter()
            .all(|(l, _)| l.to_ascii_lowercase().contains("s3:getobj")));
        let got = names("p.iam.json", r#"{"Statement": [{"Action": "kms$0"}]}"#);
        assert!(got.contains(&"kms:".to_string()), "{got:?}");
    }

    #[test]
    fn element_names_fit_the_kind() {
        let got = names(
            "p.iam.json",
            r#"{"Version": "2012-10-17", "Statement": [{"$0"}]}"#,
        );
        assert!(
            got.contains(&"Effect".to_string()) && !got.contains(&"Principal".to_string()),
            "{got:?}"
        );
        let got = names(
            "b.bucket-policy.json",
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", $0}]}"#,
        );
        assert!(
            got.contains(&"Principal".to_string()) && !got.contains(&"Effect".to_string()),
            "{got:?}"
        );
    }

    #[test]
    fn values_for_known_keys_and_resources() {
        let got = names(
            "b.bucket-policy.json",
            r#"{"Statement": [{"Effect": "Deny", "Action": "s3:PutObject", "Condition": {"StringNotEquals": {"s3:x-amz-server-side-encryption": "$0"}}}]}"#,
        );
        assert_eq!(got, ["AES256", "aws:kms", "aws:kms:dsse"]);
        let got = labels(
            "p.iam.json",
            r#"{"Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "$0"}]}"#,
        );
        assert!(
            got.iter()
                .any(|(l, i)| l == "arn:aws:s3:::${BucketName}/${ObjectName}"
                    && i == "arn:aws:s3:::${1:BucketName}/${2:ObjectName}"),
            "{got:?}"
        );
    }
}
