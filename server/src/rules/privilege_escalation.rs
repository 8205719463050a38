//! `privilege-escalation`: the public catalogue of AWS privilege-escalation paths
//! (`server/data/privesc-paths.json`, documented in `server/docs/privilege-escalation.md`),
//! checked against all Allow statements of an identity policy together.
//!
//! A path fires when every one of its actions is granted openly: by an Allow statement
//! whose Action (or NotAction) covers it, on resources wide enough to reach something
//! stronger than the caller, without a condition that the path's scoping names, and not
//! taken away by an unconditional Deny on `*`. Only the smallest firing paths are
//! reported (a path whose actions contain another firing path's actions adds nothing),
//! once per action value: the value that grants the path's own action (not
//! `iam:PassRole`), so a service wildcard such as `lambda:*` is one finding that lists
//! the paths and dangerous actions it includes.

use std::sync::OnceLock;

use serde::Deserialize;

use super::RuleCtx;
use crate::catalog::{has_wildcard, split_colon, wildcard_match, Action, Service};
use crate::diagnostic::Diagnostic;
use crate::model::{self, DocKind, Effect, Statement};
use crate::syntax::TextRange;

const DATA: &str = include_str!("../../data/privesc-paths.json");

/// How many paths and actions a finding names before it says "and N more".
const LIST_CAP: usize = 3;
const ACTIONS_CAP: usize = 6;

/// One path of the catalogue, as in `privesc-paths.json`.
#[derive(Debug, Deserialize)]
pub struct EscalationPath {
    pub id: String,
    pub name: String,
    /// Every permission the path needs.
    pub actions: Vec<String>,
    /// Whether `actions` includes `iam:PassRole` (checked by a unit test).
    #[allow(dead_code)]
    pub needs_pass_role: bool,
    pub category: String,
    /// Prose for the docs table (`server/docs/privilege-escalation.md`).
    #[allow(dead_code)]
    pub why: String,
    /// Prose: which `Resource` / `Condition` makes the grant safe. The names in
    /// backticks are read (see [`EscalationPath::scope_names`]).
    pub scope: String,
    /// `service type` of the resources the path reaches through (`lambda function`).
    pub resource_types: Vec<String>,
}

#[derive(Deserialize)]
struct Data {
    paths: Vec<EscalationPath>,
}

/// The embedded catalogue, parsed on first use (`data_parses` proves it parses).
pub fn paths() -> &'static [EscalationPath] {
    static PATHS: OnceLock<Vec<EscalationPath>> = OnceLock::new();
    PATHS.get_or_init(|| {
        let d: Data = serde_json::from_str(DATA)
            .expect("server/data/privesc-paths.json is valid (unit test data_parses)");
        d.paths
    })
}

/// The distinct actions of the catalogue, indexed by name and by service prefix.
struct ActionIndex {
    /// As written in the data.
    names: Vec<&'static str>,
    /// Lowercase name → position in `names`.
    by_name: crate::FastMap<String, usize>,
    /// Lowercase service prefix → positions in `names`.
    by_service: crate::FastMap<String, Vec<usize>>,
}

fn action_index() -> &'static ActionIndex {
    static INDEX: OnceLock<ActionIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut ix = ActionIndex {
            names: Vec::new(),
            by_name: crate::FastMap::default(),
            by_service: crate::FastMap::default(),
        };
        for a in paths().iter().flat_map(|p| p.actions.iter()) {
            let lower = a.to_ascii_lowercase();
            if ix.by_name.contains_key(&lower) {
                continue;
            }
            let at = ix.names.len();
            ix.names.push(a.as_str());
            let service = split_colon(&lower).map_or("", |(p, _)| p).to_string();
            ix.by_service.entry(service).or_default().push(at);
            ix.by_name.insert(lower, at);
        }
        ix
    })
}

impl EscalationPath {
    /// The code spans (`` `…` ``) of the scope prose.
    fn code_spans(&self) -> impl Iterator<Item = &str> {
        self.scope.split('`').skip(1).step_by(2)
    }

    /// The services `iam:PassRole` hands the role to: the service principals that the
    /// scope prose names (`iam:PassedToService` set to `lambda.amazonaws.com`).
    pub fn passed_to(&self) -> Vec<&str> {
        self.code_spans()
            .filter(|s| s.ends_with(".amazonaws.com") && !s.contains(' '))
            .collect()
    }

    /// Names of the form `service:Name` (optionally `/${TagKey}`) that the scope
    /// prose mentions: condition keys, and some actions (told apart with the catalog).
    fn scope_names(&self) -> impl Iterator<Item = &str> {
        self.code_spans().filter(|s| {
            split_colon(s).is_some_and(|(p, n)| {
                !p.is_empty()
                    && p.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    && n.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
                    && p != "arn"
            })
        })
    }

    fn is_self_sensitive(&self) -> bool {
        // Changing one's own permissions is the escalation: a policy variable that
        // names the caller (`user/${aws:username}`) is no scoping for these.
        matches!(self.category.as_str(), "iam-permissions" | "policy-version")
    }

    /// The path's own action: the first one that is not `iam:PassRole`.
    fn key_action(&self) -> &str {
        self.actions
            .iter()
            .find(|a| !a.eq_ignore_ascii_case("iam:PassRole"))
            .or(self.actions.first())
            .map_or("", String::as_str)
    }
}

/// How far a statement's resources reach for one action, narrowest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Reach<'a> {
    /// Fully named resources.
    Named,
    /// A policy variable names the caller's own resource (`user/${aws:username}`).
    Own(&'a str),
    /// A pattern (`policy/team-*`): it may include the caller's own resources.
    Pattern(&'a str),
    /// `*` or NotResource.
    All,
}

/// One Allow statement's grant of one action.
#[derive(Clone, Copy, Debug)]
struct Grant<'a> {
    /// Index into the document's statements.
    st: usize,
    /// The action value (or the NotAction key) that grants it.
    at: TextRange,
    text: &'a str,
    /// No wildcard in the value: named explicitly.
    exact: bool,
    /// Characters before the first wildcard: longer is more specific.
    literal: usize,
    not_action: bool,
    reach: Reach<'a>,
}

/// The action values of a statement, ready to be matched against many action names.
struct Values<'a> {
    items: Vec<model::StrValue<'a>>,
    is_not: bool,
}

impl<'a> Values<'a> {
    fn of(st: &Statement<'a>) -> Self {
        let (items, is_not) = st.action_values();
        Values { items, is_not }
    }

    /// The values that match `action` (`service:Name`).
    fn matching<'s>(&'s self, action: &'s str) -> impl Iterator<Item = &'s model::StrValue<'a>> {
        let service = split_colon(action).map_or("", |(p, _)| p);
        self.items.iter().filter(move |v| {
            let t = v.text.trim();
            if t == "*" {
                return true;
            }
            let prefix = split_colon(t).map_or(t, |(p, _)| p);
            if !has_wildcard(prefix) && !prefix.eq_ignore_ascii_case(service) {
                return false;
            }
            if !has_wildcard(t) {
                return t.eq_ignore_ascii_case(action);
            }
            wildcard_match(t, action)
        })
    }

    /// Whether the statement's Action/NotAction covers `action`.
    fn covers(&self, action: &str) -> bool {
        let hit = self.matching(action).next().is_some();
        if self.is_not {
            !hit && !self.items.is_empty()
        } else {
            hit
        }
    }
}

/// `"Action": "*"` on `"Resource": "*"` without a condition: `full-admin-access`
/// reports it, and every path with it; repeating that here adds nothing.
fn is_full_admin(st: &Statement<'_>, values: &Values<'_>) -> bool {
    let (res, not_res) = st.resource_values();
    !values.is_not
        && values.items.iter().any(|v| v.text == "*")
        && !not_res
        && res.iter().any(|r| r.text == "*")
        && st.condition.is_none()
}

/// The resource types of `act` that the catalogue's paths reach through (`lambda
/// function` → `function`), or all of them when no path names one of its types.
fn target_types<'c>(act: &'c Action, action: &str) -> Vec<&'c str> {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let wanted: Vec<String> = paths()
        .iter()
        .filter(|p| p.actions.iter().any(|a| a.eq_ignore_ascii_case(action)))
        .flat_map(|p| p.resource_types.iter())
        .map(|t| norm(t.split_once(' ').map_or(t.as_str(), |(_, t)| t)))
        .filter(|t| !t.is_empty())
        .collect();
    let all: Vec<&str> = act.resource_types.iter().map(|(n, _)| n.as_str()).collect();
    let hit: Vec<&str> = all
        .iter()
        .copied()
        .filter(|n| {
            let n = norm(n);
            wanted.iter().any(|w| n.starts_with(w.as_str()))
        })
        .collect();
    if hit.is_empty() {
        all
    } else {
        hit
    }
}

/// How far the statement's resources reach for `act`; `None` when none applies to it.
fn reach<'a>(
    ctx: &RuleCtx<'_>,
    st: &Statement<'a>,
    svc: &Service,
    targets: &[&str],
) -> Option<Reach<'a>> {
    let (values, is_not) = st.resource_values();
    if is_not {
        return Some(Reach::All);
    }
    let mut best = None;
    for v in values {
        let t = v.text.trim();
        let r = if t == "*" {
            Reach::All
        } else {
            // Actions without resource types take only "*".
            if targets.is_empty() {
                continue;
            }
            let fits = ctx
                .catalog
                .resource_types_for_arn(&svc.prefix, t)
                .iter()
                .any(|rt| targets.iter().any(|n| n.eq_ignore_ascii_case(&rt.name)));
            if !fits {
                continue;
            }
            // The resource part, after `arn:partition:service:region:account:`;
            // wildcards in the region or account fields do not widen a name.
            let rest = t.splitn(6, ':').nth(5).unwrap_or(t);
            if has_wildcard(rest) {
                Reach::Pattern(v.text)
            } else if rest.contains("${") {
                Reach::Own(v.text)
            } else {
                Reach::Named
            }
        };
        best = best.max(Some(r));
    }
    best
}

fn is_open(reach: Reach<'_>, path: &EscalationPath) -> bool {
    match reach {
        Reach::All | Reach::Pattern(_) => true,
        Reach::Own(_) => path.is_self_sensitive(),
        Reach::Named => false,
    }
}

/// An operator that narrows when it holds: not negated, not `Null`, and (unless
/// `if_exists` is allowed) without `IfExists`, which also passes when the key is absent.
fn narrowing_operator(op: &str, if_exists: bool) -> bool {
    let base = op.rsplit(':').next().unwrap_or(op);
    !base.contains("Not") && base != "Null" && (if_exists || !base.ends_with("IfExists"))
}

/// Whether a condition of the statement makes its grant of `action` safe for `path`.
fn scoped(ctx: &RuleCtx<'_>, st: &Statement<'_>, action: &str, path: &EscalationPath) -> bool {
    if st.condition.is_none() {
        return false;
    }
    let conds = st.conditions();
    if action.eq_ignore_ascii_case("iam:PassRole") {
        // PassRole is safe for this path when iam:PassedToService allows only other
        // services than the ones the path hands the role to.
        let to = path.passed_to();
        return !to.is_empty()
            && conds.iter().any(|c| {
                c.key.key.text.eq_ignore_ascii_case("iam:PassedToService")
                    && narrowing_operator(&c.operator.key.text, true)
                    && !c.values.is_empty()
                    && c.values.iter().all(|v| {
                        model::scalar_text(v)
                            .is_some_and(|s| !to.iter().any(|t| wildcard_match(s, t)))
                    })
            });
    }
    let keys: Vec<&str> = path
        .scope_names()
        .filter(|n| ctx.catalog.action_by_id(n).is_none())
        .collect();
    conds.iter().any(|c| {
        let k = c.key.key.text.as_str();
        let lower = k.to_ascii_lowercase();
        let named = keys.iter().any(|n| match n.find("/${") {
            Some(i) => {
                lower.len() > i + 1
                    && lower.as_bytes()[..=i].eq_ignore_ascii_case(n[..=i].as_bytes())
            }
            None => n.eq_ignore_ascii_case(k),
        });
        let tag = split_colon(&lower).is_some_and(|(_, n)| n.starts_with("resourcetag/"));
        (named || tag) && narrowing_operator(&c.operator.key.text, false)
    })
}

/// `privilege-escalation` for the whole document.
pub(crate) fn check_document(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    if ctx.kind.kind != DocKind::Identity {
        return;
    }
    let Some(policy) = ctx.policy else { return };
    let values: Vec<Values<'_>> = policy.statements.iter().map(Values::of).collect();
    let allows: Vec<usize> = (0..policy.statements.len())
        .filter(|&i| {
            policy.statements[i].effect() == Some(Effect::Allow)
                && !is_full_admin(&policy.statements[i], &values[i])
        })
        .collect();
    if allows.is_empty() {
        return;
    }
    // Unconditional Deny statements on every resource take actions away entirely.
    let denies: Vec<usize> = (0..policy.statements.len())
        .filter(|&i| {
            let st = &policy.statements[i];
            let (res, not_res) = st.resource_values();
            st.effect() == Some(Effect::Deny)
                && st.condition.is_none()
                && !not_res
                && res.iter().any(|r| r.text == "*")
        })
        .collect();

    let all = paths();
    // Which values of the Allow statements' Action lists match which catalogue actions:
    // each value is compared with the actions of its own service only (or with all of
    // them when its service prefix has a wildcard).
    let ix = action_index();
    let mut hits: Vec<Vec<(usize, usize)>> = vec![Vec::new(); ix.names.len()];
    for &i in &allows {
        if values[i].is_not {
            continue;
        }
        for (j, v) in values[i].items.iter().enumerate() {
            let t = v.text.trim();
            let candidates: Box<dyn Iterator<Item = usize>> = match split_colon(t) {
                Some((p, _)) if !has_wildcard(p) => Box::new(
                    ix.by_service
                        .get(&p.to_ascii_lowercase())
                        .into_iter()
                        .flatten()
                        .copied(),
                ),
                _ if t == "*" || has_wildcard(t) => Box::new(0..ix.names.len()),
                _ => Box::new(std::iter::empty()),
            };
            for k in candidates {
                let a = ix.names[k];
                let hit = if has_wildcard(t) {
                    wildcard_match(t, a)
                } else {
                    t.eq_ignore_ascii_case(a)
                };
                if hit {
                    hits[k].push((i, j));
                }
            }
        }
    }
    // Most documents grant few of the catalogue's actions: a path with an action that no
    // Action value matches (and no NotAction statement may grant) is ruled out at once.
    let any_not = allows.iter().any(|&i| values[i].is_not);
    let reachable = |a: &str| {
        any_not
            || ix
                .by_name
                .get(&a.to_ascii_lowercase())
                .is_some_and(|&k| !hits[k].is_empty())
    };
    // The grants of each action of the catalogue, computed on first use.
    let mut memo: crate::FastMap<String, Vec<Grant<'_>>> = crate::FastMap::default();
    let mut grants_of = |action: &str| -> Vec<Grant<'_>> {
        let lower = action.to_ascii_lowercase();
        if let Some(g) = memo.get(&lower) {
            return g.clone();
        }
        let mut found = Vec::new();
        let known = ctx.catalog.action_by_id(action);
        let denied = denies.iter().any(|&i| values[i].covers(action));
        if let (Some((svc, act)), false) = (known, denied) {
            let targets = target_types(act, action);
            let by_value = ix
                .by_name
                .get(&lower)
                .and_then(|&k| hits.get(k))
                .map_or(&[][..], Vec::as_slice);
            for &i in &allows {
                let st = &policy.statements[i];
                let v = &values[i];
                let matching: Vec<&model::StrValue<'_>> = by_value
                    .iter()
                    .filter(|(s, _)| *s == i)
                    .filter_map(|&(_, j)| v.items.get(j))
                    .collect();
                if !(if v.is_not {
                    v.covers(action)
                } else {
                    !matching.is_empty()
                }) {
                    continue;
                }
                let Some(reach) = reach(ctx, st, svc, &targets) else {
                    continue;
                };
                let grant = if v.is_not {
                    let Some(m) = st.not_action else { continue };
                    Grant {
                        st: i,
                        at: m.key.range,
                        text: "NotAction",
                        exact: false,
                        literal: 0,
                        not_action: true,
                        reach,
                    }
                } else {
                    // The most specific value that grants it.
                    let Some(best) = matching.into_iter().max_by_key(|x| {
                        let exact = !has_wildcard(x.text);
                        let literal = x.text.find(['*', '?']).unwrap_or(x.text.len());
                        (exact, literal, std::cmp::Reverse(x.range().start))
                    }) else {
                        continue;
                    };
                    Grant {
                        st: i,
                        at: best.range(),
                        text: best.text,
                        exact: !has_wildcard(best.text),
                        literal: best.text.find(['*', '?']).unwrap_or(best.text.len()),
                        not_action: false,
                        reach,
                    }
                };
                found.push(grant);
            }
        }
        memo.insert(lower, found.clone());
        found
    };

    // The paths whose every action is granted openly, with the grant of their own action.
    let mut fired: Vec<(&EscalationPath, Grant<'_>)> = Vec::new();
    'paths: for p in all {
        if !p.actions.iter().all(|a| reachable(a)) {
            continue;
        }
        let mut key_grant: Option<Grant<'_>> = None;
        for a in &p.actions {
            let open: Vec<Grant<'_>> = grants_of(a)
                .into_iter()
                .filter(|g| is_open(g.reach, p) && !scoped(ctx, &policy.statements[g.st], a, p))
                .collect();
            if open.is_empty() {
                continue 'paths;
            }
            if a.eq_ignore_ascii_case(p.key_action()) {
                key_grant = open.into_iter().max_by_key(|g| {
                    (
                        g.exact,
                        g.literal,
                        !g.not_action,
                        std::cmp::Reverse(g.at.start),
                    )
                });
            }
        }
        if let Some(g) = key_grant {
            fired.push((p, g));
        }
    }
    // Only the smallest: drop a path when another firing path needs a strict subset of
    // its actions.
    let subset = |small: &EscalationPath, big: &EscalationPath| {
        small.actions.len() < big.actions.len()
            && small
                .actions
                .iter()
                .all(|a| big.actions.iter().any(|b| b.eq_ignore_ascii_case(a)))
    };
    let minimal: Vec<&(&EscalationPath, Grant<'_>)> = fired
        .iter()
        .filter(|(p, _)| !fired.iter().any(|(q, _)| subset(q, p)))
        .collect();
    // One finding per action value.
    let mut groups: Vec<(Grant<'_>, Vec<&EscalationPath>)> = Vec::new();
    for (p, g) in minimal {
        match groups.iter_mut().find(|(h, _)| h.at == g.at) {
            Some((_, ps)) => ps.push(p),
            None => groups.push((*g, vec![p])),
        }
    }
    groups.sort_by_key(|(g, _)| (g.at.start, g.at.end));
    for (g, ps) in groups {
        acc.push(ctx.diag(
            &super::security::privilege_escalation::RULE,
            g.at,
            message(&g, &ps, &values[g.st]),
        ));
    }
}

fn reach_phrase(r: Reach<'_>, own: bool) -> String {
    match r {
        Reach::All => "on every resource".to_string(),
        Reach::Pattern(v) if own => {
            format!("on \"{v}\" (a pattern, which may match the caller's own)")
        }
        Reach::Pattern(v) => {
            format!("on \"{v}\" (a pattern, which may match resources stronger than the caller)")
        }
        Reach::Own(v) => format!("on \"{v}\" (the caller's own)"),
        Reach::Named => "on named resources".to_string(),
    }
}

fn message(g: &Grant<'_>, ps: &[&EscalationPath], values: &Values<'_>) -> String {
    let what = if g.not_action {
        "NotAction (every action it does not list)".to_string()
    } else {
        format!("\"{}\"", g.text)
    };
    let reach = reach_phrase(g.reach, ps.iter().all(|p| p.is_self_sensitive()));
    if let ([p], true) = (ps, g.exact) {
        return format!(
            "{what} {reach} opens the privilege-escalation path \"{}\" ({}: {}): {}",
            p.name,
            p.id,
            p.actions.join(" + "),
            p.scope
        );
    }
    let mut names: Vec<String> = ps
        .iter()
        .take(LIST_CAP)
        .map(|p| format!("\"{}\" ({})", p.name, p.id))
        .collect();
    if ps.len() > LIST_CAP {
        names.push(format!("and {} more", ps.len() - LIST_CAP));
    }
    let mut s = format!(
        "{what} {reach} opens {} privilege-escalation path{}: {}",
        ps.len(),
        if ps.len() == 1 { "" } else { "s" },
        names.join(", ")
    );
    if !g.exact {
        // The dangerous actions this value itself grants.
        let mut acts: Vec<&str> = Vec::new();
        for p in ps {
            for a in &p.actions {
                let granted = if g.not_action {
                    values.covers(a)
                } else {
                    wildcard_match(g.text.trim(), a)
                };
                if granted && !acts.iter().any(|b| b.eq_ignore_ascii_case(a)) {
                    acts.push(a);
                }
            }
        }
        let mut list: Vec<String> = acts
            .iter()
            .take(ACTIONS_CAP)
            .map(|a| a.to_string())
            .collect();
        if acts.len() > ACTIONS_CAP {
            list.push(format!("and {} more", acts.len() - ACTIONS_CAP));
        }
        s.push_str(&format!("; it includes {}", list.join(", ")));
    }
    s.push_str(": grant only the actions needed, name the resources (or require a resource tag), and limit iam:PassRole to named roles with iam:PassedToService (`policy-lsp explain privilege-escalation` lists each path's scoping)");
    s
}

/// The compact list of paths for `policy-lsp explain privilege-escalation`.
pub fn explain_paths() -> String {
    let mut s = format!(
        "\n\n## The {} paths\n\nThe full table (why each path escalates and how to scope it) is in \
`server/docs/privilege-escalation.md`.\n\n| path | actions |\n|---|---|\n",
        paths().len()
    );
    for p in paths() {
        s.push_str(&format!(
            "| `{}` {} | {} |\n",
            p.id,
            p.name.replace('|', "\\|"),
            p.actions.join(", ")
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    //! Fixtures follow the example policies of the public catalogues; each test names
    //! its source (Rhino Security Labs' method list, pathfinding.cloud's path ids,
    //! BishopFox iam-vulnerable's per-path Terraform policies).

    use super::paths;
    use crate::analysis::analyze;
    use crate::catalog::Catalog;
    use crate::config::Config;

    /// The privilege-escalation findings of an identity policy: (text at the range, message).
    fn findings(statements: &str) -> Vec<(String, String)> {
        let text = format!(r#"{{"Version": "2012-10-17", "Statement": [{statements}]}}"#);
        analyze(&text, Some("a.iam.json"), &Config::new())
            .diagnostics
            .iter()
            .filter(|d| d.rule == "privilege-escalation")
            .map(|d| (text[d.range.as_range()].to_string(), d.message.clone()))
            .collect()
    }

    fn allow(actions: &str, resource: &str) -> String {
        format!(r#"{{"Effect": "Allow", "Action": {actions}, "Resource": {resource}}}"#)
    }

    /// Exactly one finding, at `at`, naming `id`.
    fn one(found: &[(String, String)], at: &str, id: &str) {
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, at, "{found:?}");
        assert!(found[0].1.contains(id), "{found:?}");
    }

    #[test]
    fn data_parses_and_fits_the_catalog() {
        let all = paths();
        assert!(all.len() >= 100, "{}", all.len());
        let catalog = Catalog::builtin();
        let mut ids = std::collections::BTreeSet::new();
        for p in all {
            assert!(ids.insert(p.id.as_str()), "duplicate id {}", p.id);
            assert!(!p.name.is_empty() && !p.why.is_empty() && !p.scope.is_empty());
            assert!(
                matches!(
                    p.category.as_str(),
                    "iam-permissions" | "policy-version" | "credentials" | "borrow-role"
                ),
                "{}: category {}",
                p.id,
                p.category
            );
            for a in &p.actions {
                assert!(
                    catalog.action_by_id(a).is_some(),
                    "{}: unknown action {a}",
                    p.id
                );
            }
            let passes = p.actions.iter().any(|a| a == "iam:PassRole");
            assert_eq!(passes, p.needs_pass_role, "{}: needs_pass_role", p.id);
            // The receiving service is read from the scope prose.
            assert_eq!(
                !p.passed_to().is_empty(),
                passes,
                "{}: iam:PassedToService",
                p.id
            );
        }
    }

    // Rhino method 18, pathfinding.cloud lambda-003, iam-vulnerable
    // privesc-EditExistingLambdaFunctionWithRole.
    #[test]
    fn lambda_update_function_code_on_every_function() {
        let f = findings(&allow(r#""lambda:UpdateFunctionCode""#, r#""*""#));
        one(
            &f,
            "\"lambda:UpdateFunctionCode\"",
            "lambda-update-function-code",
        );
        let named = r#""arn:aws:lambda:us-east-1:111122223333:function:report""#;
        assert!(findings(&allow(r#""lambda:UpdateFunctionCode""#, named)).is_empty());
    }

    // Rhino method 15, pathfinding.cloud lambda-001, iam-vulnerable
    // privesc15-PassExistingRoleToNewLambdaThenInvoke.
    #[test]
    fn pass_role_create_function_invoke() {
        let f = findings(&allow(
            r#"["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"]"#,
            r#""*""#,
        ));
        one(
            &f,
            "\"lambda:CreateFunction\"",
            "lambda-create-invoke-pass-role",
        );
        assert!(f[0]
            .1
            .contains("iam:PassRole + lambda:CreateFunction + lambda:InvokeFunction"));
        // Spread over statements, PassRole on its own: still the path.
        let f = findings(&format!(
            "{}, {}",
            allow(r#""iam:PassRole""#, r#""arn:aws:iam::111122223333:role/*""#),
            allow(
                r#"["lambda:CreateFunction", "lambda:InvokeFunction"]"#,
                r#""*""#
            )
        ));
        one(
            &f,
            "\"lambda:CreateFunction\"",
            "lambda-create-invoke-pass-role",
        );
        // Without PassRole there is no path.
        let f = findings(&allow(
            r#"["lambda:CreateFunction", "lambda:InvokeFunction"]"#,
            r#""*""#,
        ));
        assert!(f.is_empty(), "{f:?}");
    }

    // iam:PassedToService limited to another service keeps the role away from Lambda.
    #[test]
    fn passed_to_an_unrelated_service_is_safe_for_the_path() {
        let st = r#"{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*", "Condition": {"StringEquals": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}}"#;
        let rest = allow(
            r#"["lambda:CreateFunction", "lambda:InvokeFunction"]"#,
            r#""*""#,
        );
        assert!(findings(&format!("{st}, {rest}")).is_empty());
        // Passed to Lambda itself: the path is open.
        let to_lambda = st.replace("ecs-tasks", "lambda");
        let f = findings(&format!("{to_lambda}, {rest}"));
        one(
            &f,
            "\"lambda:CreateFunction\"",
            "lambda-create-invoke-pass-role",
        );
    }

    // pathfinding.cloud ssm-002, iam-vulnerable privesc-ssmSendCommand.
    #[test]
    fn ssm_send_command_on_all_instances() {
        let f = findings(&allow(r#""ssm:SendCommand""#, r#""*""#));
        one(&f, "\"ssm:SendCommand\"", "ssm-send-command");
        let f = findings(&allow(
            r#""ssm:SendCommand""#,
            r#"["arn:aws:ec2:*:111122223333:instance/*", "arn:aws:ssm:*::document/AWS-RunShellScript"]"#,
        ));
        one(&f, "\"ssm:SendCommand\"", "ssm-send-command");
        // Named instance, named document.
        let f = findings(&allow(
            r#""ssm:SendCommand""#,
            r#"["arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0", "arn:aws:ssm:us-east-1::document/AWS-RunShellScript"]"#,
        ));
        assert!(f.is_empty(), "{f:?}");
        // Scoped by a tag, as the path's scoping says.
        let tagged = r#"{"Effect": "Allow", "Action": "ssm:SendCommand", "Resource": "*", "Condition": {"StringEquals": {"ssm:resourceTag/team": "web"}}}"#;
        assert!(findings(tagged).is_empty());
        // A negated tag condition does not scope.
        let not = tagged.replace("StringEquals", "StringNotEquals");
        assert_eq!(findings(&not).len(), 1);
    }

    // Rhino method 20, pathfinding.cloud glue-002.
    #[test]
    fn glue_update_dev_endpoint() {
        let f = findings(&allow(
            r#"["glue:UpdateDevEndpoint", "glue:GetDevEndpoint"]"#,
            r#""*""#,
        ));
        one(&f, "\"glue:UpdateDevEndpoint\"", "glue-update-dev-endpoint");
        let named = r#""arn:aws:glue:us-east-1:111122223333:devEndpoint/etl""#;
        assert!(findings(&allow(r#""glue:UpdateDevEndpoint""#, named)).is_empty());
    }

    // pathfinding.cloud cloudformation-002, iam-vulnerable privesc-cloudFormationUpdateStack.
    #[test]
    fn cloudformation_update_stack() {
        let f = findings(&allow(r#""cloudformation:UpdateStack""#, r#""*""#));
        one(
            &f,
            "\"cloudformation:UpdateStack\"",
            "cloudformation-update-stack",
        );
        let named = r#""arn:aws:cloudformation:us-east-1:111122223333:stack/web/0a1b2c3d-1111-2222-3333-444455556666""#;
        assert!(findings(&allow(r#""cloudformation:UpdateStack""#, named)).is_empty());
    }

    // pathfinding.cloud codebuild-002 (StartBuild), PMapper codebuild_edges
    // (UpdateProject + StartBuild): starting the build is already the smallest path.
    #[test]
    fn codebuild_start_build_and_update_project() {
        let f = findings(&allow(
            r#"["codebuild:UpdateProject", "codebuild:StartBuild"]"#,
            r#""*""#,
        ));
        one(&f, "\"codebuild:StartBuild\"", "codebuild-start-build");
        let named = r#""arn:aws:codebuild:us-east-1:111122223333:project/site""#;
        let f = findings(&allow(
            r#"["codebuild:UpdateProject", "codebuild:StartBuild"]"#,
            named,
        ));
        assert!(f.is_empty(), "{f:?}");
    }

    // Rhino method 28, pathfinding.cloud sagemaker-004, iam-vulnerable
    // privesc-sageMakerCreatePresignedNotebookURL.
    #[test]
    fn sagemaker_presigned_notebook_url() {
        let f = findings(&allow(
            r#""sagemaker:CreatePresignedNotebookInstanceUrl""#,
            r#""*""#,
        ));
        one(
            &f,
            "\"sagemaker:CreatePresignedNotebookInstanceUrl\"",
            "sagemaker-presigned-notebook-url",
        );
        let tagged = r#"{"Effect": "Allow", "Action": "sagemaker:CreatePresignedNotebookInstanceUrl", "Resource": "*", "Condition": {"StringEquals": {"sagemaker:ResourceTag/team": "ml"}}}"#;
        assert!(findings(tagged).is_empty());
    }

    // Rhino method 1, pathfinding.cloud iam-001, iam-vulnerable
    // privesc1-CreateNewPolicyVersion: a pattern may match the caller's own policy.
    #[test]
    fn create_policy_version_on_a_pattern_but_not_on_one_policy() {
        let f = findings(&allow(
            r#""iam:CreatePolicyVersion""#,
            r#""arn:aws:iam::111122223333:policy/team-*""#,
        ));
        one(
            &f,
            "\"iam:CreatePolicyVersion\"",
            "iam-create-policy-version",
        );
        assert!(f[0].1.contains("policy/team-*"), "{f:?}");
        let f = findings(&allow(
            r#""iam:CreatePolicyVersion""#,
            r#""arn:aws:iam::111122223333:policy/team-reports""#,
        ));
        assert!(f.is_empty(), "{f:?}");
        // A wildcard in the account field does not widen the name.
        let f = findings(&allow(
            r#""iam:CreatePolicyVersion""#,
            r#""arn:aws:iam::*:policy/team-reports""#,
        ));
        assert!(f.is_empty(), "{f:?}");
    }

    // Rhino methods 4 and 10: on the caller's own user, minting keys is no escalation,
    // writing one's own inline policy is.
    #[test]
    fn own_user_by_policy_variable() {
        let own = r#""arn:aws:iam::111122223333:user/${aws:username}""#;
        assert!(findings(&allow(r#""iam:CreateAccessKey""#, own)).is_empty());
        let f = findings(&allow(r#""iam:PutUserPolicy""#, own));
        one(&f, "\"iam:PutUserPolicy\"", "iam-put-user-policy");
    }

    // A service wildcard on every resource: one finding naming paths and actions.
    #[test]
    fn service_wildcard_is_one_finding() {
        let f = findings(&allow(r#""lambda:*""#, r#""*""#));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "\"lambda:*\"");
        assert!(f[0].1.contains("lambda:UpdateFunctionCode"), "{f:?}");
        assert!(f[0].1.contains("lambda-update-function-code"), "{f:?}");
        // With iam:PassRole too, still one finding for lambda:* (plus none for PassRole).
        let f = findings(&allow(r#"["lambda:*", "iam:PassRole"]"#, r#""*""#));
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].1.contains("and "), "capped list expected: {f:?}");
        assert!(
            !f[0].1.contains("iam:PassRole,"),
            "lambda:* does not grant PassRole: {f:?}"
        );
        // On named functions it is scoped.
        let named = r#""arn:aws:lambda:us-east-1:111122223333:function:report""#;
        assert!(findings(&allow(r#""lambda:*""#, named)).is_empty());
    }

    // Rhino method 3, pathfinding.cloud ec2-001.
    #[test]
    fn pass_role_run_instances_and_deny() {
        let st = allow(r#"["iam:PassRole", "ec2:RunInstances"]"#, r#""*""#);
        one(
            &findings(&st),
            "\"ec2:RunInstances\"",
            "ec2-run-instances-pass-role",
        );
        // An unconditional Deny of PassRole on every resource closes it.
        let deny = r#"{"Effect": "Deny", "Action": "iam:PassRole", "Resource": "*"}"#;
        assert!(findings(&format!("{st}, {deny}")).is_empty());
    }

    #[test]
    fn full_admin_is_left_to_full_admin_access_and_other_kinds_are_skipped() {
        assert!(findings(&allow(r#""*""#, r#""*""#)).is_empty());
        let text = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:AttachUserPolicy", "Resource": "*"}]}"#;
        let a = analyze(text, Some("org.scp.json"), &Config::new());
        assert!(!a
            .diagnostics
            .iter()
            .any(|d| d.rule == "privilege-escalation"));
        // NotAction: one finding at the NotAction key.
        let f = findings(r#"{"Effect": "Allow", "NotAction": "s3:*", "Resource": "*"}"#);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, "\"NotAction\"");
    }

    #[test]
    fn explain_lists_every_path() {
        let s = super::explain_paths();
        for p in paths() {
            assert!(s.contains(&format!("`{}`", p.id)), "{}", p.id);
        }
    }
}
