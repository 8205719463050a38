//! `privilege-escalation`: Grants that complete a known privilege-escalation path.
//!
//! The public catalogue of AWS privilege-escalation paths
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

use crate::diagnostic::Severity;
use crate::rules::{Category, Check, NotesTopic, Rule};

pub static RULE: Rule = Rule {
    id: "privilege-escalation",
    category: Category::Security,
    severity: Severity::Warning,
    access_analyzer: &[],
    parliament: &["PRIVILEGE_ESCALATION"],
    summary: "Grants that complete a known privilege-escalation path",
    docs: "The identity policy grants every action of a published AWS privilege-escalation path (Rhino Security Labs' \
list, pathfinding.cloud, BishopFox iam-vulnerable, with PMapper and Cloudsplaining): changing its own IAM \
permissions or a managed policy's default version (`iam:AttachUserPolicy`, `iam:CreatePolicyVersion`), taking \
another principal's credentials or a shell where a role lives (`iam:CreateAccessKey`, `ssm:SendCommand`, \
`sagemaker:CreatePresignedNotebookInstanceUrl`), or borrowing a stronger role by changing what runs with it \
(`lambda:UpdateFunctionCode`, `glue:UpdateDevEndpoint`, `cloudformation:UpdateStack`, `codebuild:StartBuild`) or by \
passing it to something new (`iam:PassRole` with `lambda:CreateFunction` and `lambda:InvokeFunction`, \
`ec2:RunInstances`, …). All Allow statements of the document count together; SCPs and resource policies are not \
checked.\n\n\
How a grant is read:\n\n\
- An action is granted when an Allow statement's `Action` matches it (wildcards included) or its `NotAction` does \
not list it, and no Deny without a condition on `*` covers it.\n\
- `Resource`: `*`, `NotResource`, or a pattern in the resource name (`policy/team-*`, which may match the caller's \
own policy) reaches too far; fully named ARNs are safe (wildcards in the Region and account fields do not count), \
and only resources of the types the action applies to count. A policy variable (`user/${aws:username}`) names the \
caller's own resource: safe for the credential paths, not for paths that change permissions.\n\
- `Condition`: `iam:PassRole` is safe for a path when `iam:PassedToService` (`StringEquals`/`StringLike`) allows \
only other services than the one the path hands the role to. Another action is safe when a condition that is not \
negated and not `…IfExists` tests a key the path's scoping names (`iam:PolicyARN`, `ec2:InstanceProfile`, \
`autoscaling:LaunchConfigurationName`, `ssm:resourceTag/…`, …) or any `…:ResourceTag/…` key. Conditions on the \
caller (source IP, MFA, principal tags) do not change what it can reach.\n\n\
Each path is reported once, at the value that grants the path's own action (not `iam:PassRole`), and only the \
smallest open paths (when `lambda:UpdateFunctionCode` alone is open, its variants with more actions are not \
repeated). A value is one finding, so `lambda:*` on `*` is one finding that lists the paths and dangerous actions it \
includes; `\"Action\": \"*\"` on `*` without a condition is left to `full-admin-access`. To fix: grant only the \
actions needed, name the resources (or require a resource tag), and give `iam:PassRole` named roles and \
`iam:PassedToService`. The full table (path, actions, why, how to scope it) is `server/docs/privilege-escalation.md`.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:AttachRolePolicy"], "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:AttachRolePolicy"], "Resource": "arn:aws:iam::111122223333:role/app"}]}"#,
    checks: &[Check::Document(check_document)],
    notes_topics: &[NotesTopic::Service("iam")],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

use std::sync::OnceLock;

use serde::Deserialize;

use crate::catalog::{has_wildcard, split_colon, wildcard_match, Action, Service};
use crate::diagnostic::Diagnostic;
use crate::model::{self, DocKind, Effect, Statement};
use crate::rules::RuleCtx;
use crate::syntax::TextRange;

const DATA: &str = include_str!("../../../data/privesc-paths.json");

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
                    && lower.as_bytes()[..=i].eq_ignore_ascii_case(&n.as_bytes()[..=i])
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
    let ix = action_index();
    let hits = value_hits(ix, &allows, &values);
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
    let doc = Doc {
        ctx,
        statements: &policy.statements,
        values: &values,
        allows: &allows,
    };
    // The grants of each action of the catalogue, computed on first use.
    let mut memo: crate::FastMap<String, Vec<Grant<'_>>> = crate::FastMap::default();
    let mut grants_of = |action: &str| -> Vec<Grant<'_>> {
        let lower = action.to_ascii_lowercase();
        if let Some(g) = memo.get(&lower) {
            return g.clone();
        }
        let denied = denies.iter().any(|&i| values[i].covers(action));
        let by_value = ix
            .by_name
            .get(&lower)
            .and_then(|&k| hits.get(k))
            .map_or(&[][..], Vec::as_slice);
        let found = if denied {
            Vec::new()
        } else {
            grants(&doc, by_value, action)
        };
        memo.insert(lower, found.clone());
        found
    };
    let fired = fired_paths(ctx, &policy.statements, &reachable, &mut grants_of);
    report(ctx, &fired, &values, acc);
}

/// What the grant search reads of the document.
struct Doc<'d, 'a> {
    ctx: &'d RuleCtx<'d>,
    statements: &'d [Statement<'a>],
    values: &'d [Values<'a>],
    allows: &'d [usize],
}

/// Which values of the Allow statements' Action lists match which catalogue actions:
/// each value is compared with the actions of its own service only (or with all of
/// them when its service prefix has a wildcard). Indexed like `ix.names`: (statement,
/// value) pairs.
fn value_hits(
    ix: &ActionIndex,
    allows: &[usize],
    values: &[Values<'_>],
) -> Vec<Vec<(usize, usize)>> {
    let mut hits: Vec<Vec<(usize, usize)>> = vec![Vec::new(); ix.names.len()];
    for &i in allows {
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
    hits
}

/// The grants of one (not denied) catalogue action by the Allow statements;
/// `by_value` lists the (statement, value) pairs whose Action value matches it.
fn grants<'a>(doc: &Doc<'_, 'a>, by_value: &[(usize, usize)], action: &str) -> Vec<Grant<'a>> {
    let ctx = doc.ctx;
    let values = doc.values;
    let allows = doc.allows;
    let mut found = Vec::new();
    let Some((svc, act)) = ctx.catalog.action_by_id(action) else {
        return found;
    };
    let targets = target_types(act, action);
    for &i in allows {
        let st = &doc.statements[i];
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
    found
}

/// The paths whose every action is granted openly, with the grant of their own action.
fn fired_paths<'a>(
    ctx: &RuleCtx<'_>,
    statements: &[Statement<'a>],
    reachable: &dyn Fn(&str) -> bool,
    grants_of: &mut dyn FnMut(&str) -> Vec<Grant<'a>>,
) -> Vec<(&'static EscalationPath, Grant<'a>)> {
    let all = paths();
    let mut fired: Vec<(&'static EscalationPath, Grant<'a>)> = Vec::new();
    'paths: for p in all {
        if !p.actions.iter().all(|a| reachable(a)) {
            continue;
        }
        let mut key_grant: Option<Grant<'a>> = None;
        for a in &p.actions {
            let open: Vec<Grant<'a>> = grants_of(a)
                .into_iter()
                .filter(|g| is_open(g.reach, p) && !scoped(ctx, &statements[g.st], a, p))
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
    fired
}

/// One finding per action value, for the smallest firing paths.
fn report(
    ctx: &RuleCtx<'_>,
    fired: &[(&EscalationPath, Grant<'_>)],
    values: &[Values<'_>],
    acc: &mut Vec<Diagnostic>,
) {
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
        acc.push(ctx.diag(&RULE, g.at, message(&g, &ps, &values[g.st])));
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
mod tests_paths;

#[cfg(test)]
mod tests {
    use crate::rules::tests_util::{check_clean, check_hit};
    use expect_test::expect;

    #[test]
    fn hit() {
        check_hit(
            &super::RULE,
            expect![[r#"
                warning[privilege-escalation]: "iam:AttachRolePolicy" on every resource opens the privilege-escalation path "Attach a managed policy to a role" (iam-attach-role-policy: iam:AttachRolePolicy): Name the roles in `Resource`, excluding the caller's own role and any role it can assume, pin policies with `iam:PolicyARN`, and require a permissions boundary with `iam:PermissionsBoundary`.
                 --> a.iam.json:1:72
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["iam:AttachRolePolicy"], "Resource": "*"}]}
                   |                                                                        ^^^^^^^^^^^^^^^^^^^^^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
