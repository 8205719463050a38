//! Condition-key completion, ranked by use with the statement's actions.

use super::*;

/// Condition keys that apply to the statement: its actions' keys and the global keys
/// (other services' keys once the user has typed two letters of a prefix), most used
/// first (by real policies, with the statement's services: [`usage`]), keys whose type
/// does not fit the operator last. Numbered families (`kms:RecipientAttestation:PCR0`
/// … `PCR31`) are one item until the user types into the numbers.
pub(super) fn condition_keys(
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
    let lists = key_lists(ctx, catalog, kind, &typed);
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
    acc.extend(
        cands
            .into_iter()
            .map(|(label, sort, entry)| key_item(ctx, catalog, label, sort, entry)),
    );
}

/// The key names to offer, in lists by tier (`0` the statement's actions' keys, `1`
/// global `aws:` keys, `2` identity-provider keys, `3` other services' keys).
fn key_lists<'c>(
    ctx: &CursorContext<'_>,
    catalog: &'c Catalog,
    kind: DocKind,
    typed: &str,
) -> Vec<(Vec<&'c str>, char)> {
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
                .filter(|s| s.prefix.starts_with(typed))
                .collect()
        } else {
            Vec::new()
        };
    for s in other_services {
        lists.push((s.keys.iter().map(|k| k.name.as_str()).collect(), '3'));
    }
    lists
}

/// The completion item of one key or numbered family.
fn key_item(
    ctx: &CursorContext<'_>,
    catalog: &Catalog,
    label: String,
    sort: String,
    entry: KeyEntry<'_>,
) -> CompletionItem {
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
    CompletionItem {
        label,
        kind: ItemKind::Key,
        detail,
        documentation: doc,
        insert,
        snippet,
        range: ctx.replace,
        sort,
        retrigger: false,
    }
}

/// Which population of real policies ranks completion for a document of `kind`.
pub(super) fn audience(kind: DocKind) -> Audience {
    match kind {
        DocKind::Identity | DocKind::Scp => Audience::Identity,
        _ => Audience::Resource,
    }
}

/// The statement's actions without wildcards, and the lowercase service prefixes of all
/// its actions (`*` names none), each sorted and without repeats.
pub(super) fn statement_actions(st: Option<&Statement<'_>>) -> (Vec<String>, Vec<String>) {
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

pub(super) fn fits(f: Family, t: KeyType) -> bool {
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
pub(super) fn key_template(ctx: &CursorContext<'_>, name: &str) -> (String, String, bool) {
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
pub(super) fn statement_keys<'c>(catalog: &'c Catalog, st: Option<&Statement<'_>>) -> Vec<&'c str> {
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
