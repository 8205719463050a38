//! Code lenses, inlay hints and document links: what a statement's action patterns
//! grant, counted from the catalog, and where each action and key is documented.

use crate::analysis::Analysis;
use crate::catalog::{has_wildcard, AccessLevel, Catalog};
use crate::model::{Effect, StrValue};
use crate::syntax::TextRange;
use std::collections::{BTreeMap, HashSet};

/// A lens above a statement: a title and no command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lens {
    /// The statement's opening brace.
    pub range: TextRange,
    pub title: String,
}

/// A hint shown after `offset` (the hint is padded on its left).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    pub offset: usize,
    pub label: String,
    pub tooltip: String,
}

/// A link from a range (a string's contents) to a documentation page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub range: TextRange,
    pub target: String,
    pub tooltip: String,
}

/// The IAM page documenting the global `aws:` condition keys.
pub const GLOBAL_KEYS_URL: &str =
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html";

/// One lens per statement with an Effect and Action or NotAction:
/// `Allow: 3 List, 12 Read, 2 Write`, `Deny: all actions`,
/// `Allow: everything except 4 actions`.
pub fn code_lenses(analysis: &Analysis, catalog: &Catalog) -> Vec<Lens> {
    if analysis.host.is_some() {
        return super::embedded::code_lenses(analysis, catalog);
    }
    let mut acc = Vec::new();
    if !analysis.is_policy {
        return acc;
    }
    let Some(policy) = analysis.policy() else {
        return acc;
    };
    for st in &policy.statements {
        let effect = match st.effect() {
            Some(Effect::Allow) => "Allow",
            Some(Effect::Deny) => "Deny",
            None => continue,
        };
        if st.action.is_none() && st.not_action.is_none() {
            continue;
        }
        let (values, is_not) = st.action_values();
        let summary = grant_summary(catalog, &values, is_not);
        let start = st.node.range.start as usize;
        acc.push(Lens {
            range: TextRange::new(start, start + 1),
            title: format!("{effect}: {summary}"),
        });
    }
    acc
}

/// Hints after each wildcard value of Action / NotAction (`"s3:Get*"` → `47 actions`),
/// for the values that start inside `range`.
pub fn inlay_hints(analysis: &Analysis, catalog: &Catalog, range: TextRange) -> Vec<InlayHint> {
    if analysis.host.is_some() {
        return super::embedded::inlay_hints(analysis, catalog, range);
    }
    let mut acc = Vec::new();
    if !analysis.is_policy {
        return acc;
    }
    let Some(policy) = analysis.policy() else {
        return acc;
    };
    for st in &policy.statements {
        let (values, _) = st.action_values();
        for v in values {
            let r = v.range();
            if !has_wildcard(v.text) || r.end < range.start || r.start > range.end {
                continue;
            }
            let matched = distinct(catalog, std::slice::from_ref(&v));
            let n = matched.len();
            let label = match (v.text.trim() == "*", n) {
                (true, _) => format!("all {n} actions"),
                (false, 0) => "no known actions".to_string(),
                (false, 1) => "1 action".to_string(),
                (false, _) => format!("{n} actions"),
            };
            acc.push(InlayHint {
                offset: r.end as usize,
                label,
                tooltip: by_level(&matched),
            });
        }
    }
    acc
}

/// Links from action values (to the action's, or for wildcards the service's,
/// Service Authorization Reference page) and from condition keys (service keys to
/// their service's page, global `aws:` keys to the IAM global keys page).
pub fn document_links(analysis: &Analysis, catalog: &Catalog) -> Vec<Link> {
    if analysis.host.is_some() {
        return super::embedded::document_links(analysis, catalog);
    }
    let mut acc = Vec::new();
    if !analysis.is_policy {
        return acc;
    }
    let Some(policy) = analysis.policy() else {
        return acc;
    };
    for st in &policy.statements {
        let (values, _) = st.action_values();
        for v in values {
            let Some((prefix, name)) = v.text.split_once(':') else {
                continue;
            };
            let Some(svc) = catalog.service(prefix) else {
                continue;
            };
            let (target, tooltip) = match catalog.action(prefix, name) {
                Some(a) if !has_wildcard(name) => {
                    (a.url.to_string(), format!("{}:{}", svc.prefix, a.name))
                }
                _ => (svc.url.clone(), svc.name.clone()),
            };
            push_link(&mut acc, v.node.inner_range(), target, tooltip);
        }
        for c in st.conditions() {
            let key = c.key.key.text.as_str();
            let Some((prefix, _)) = key.split_once(':') else {
                continue;
            };
            let (target, tooltip) = if prefix.eq_ignore_ascii_case("aws") {
                (
                    GLOBAL_KEYS_URL.to_string(),
                    "AWS global condition keys".to_string(),
                )
            } else if let Some(svc) = catalog.service(prefix) {
                (svc.url.clone(), format!("{} condition keys", svc.name))
            } else {
                continue;
            };
            let r = c.key.key.range;
            let inner = if c.key.key.closed && r.len() >= 2 {
                TextRange::new(r.start as usize + 1, r.end as usize - 1)
            } else {
                TextRange::new((r.start as usize + 1).min(r.end as usize), r.end as usize)
            };
            push_link(&mut acc, inner, target, tooltip);
        }
    }
    acc
}

fn push_link(acc: &mut Vec<Link>, range: TextRange, target: String, tooltip: String) {
    if !range.is_empty() && !target.is_empty() {
        acc.push(Link {
            range,
            target,
            tooltip,
        });
    }
}

/// `all actions`, `everything except N actions`, or counts by access level.
fn grant_summary(catalog: &Catalog, values: &[StrValue<'_>], is_not: bool) -> String {
    let matched = distinct(catalog, values);
    if is_not {
        return format!("everything except {}", plural(matched.len(), "action"));
    }
    if values.iter().any(|v| v.text.trim() == "*") {
        return "all actions".to_string();
    }
    if matched.is_empty() {
        return "no known actions".to_string();
    }
    by_level(&matched)
}

/// Distinct actions (`prefix:name`, lowercase) matched by the patterns, with their level.
fn distinct(catalog: &Catalog, values: &[StrValue<'_>]) -> Vec<AccessLevel> {
    let mut seen = HashSet::new();
    let mut res = Vec::new();
    for v in values {
        for (s, a) in catalog.match_actions(v.text) {
            if seen.insert((s.prefix.to_ascii_lowercase(), a.name.to_ascii_lowercase())) {
                res.push(a.access_level);
            }
        }
    }
    res
}

/// `3 List, 12 Read, 2 Write` in the documentation's level order.
fn by_level(levels: &[AccessLevel]) -> String {
    let mut counts: BTreeMap<AccessLevel, usize> = BTreeMap::new();
    for l in levels {
        *counts.entry(*l).or_default() += 1;
    }
    counts
        .iter()
        .map(|(l, n)| format!("{n} {}", l.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

fn plural(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::config::Config;

    const POLICY: &str = r#"{"Version": "2012-10-17", "Statement": [
{"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket", "s3:Get*"], "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-1", "s3:prefix": "x"}}},
{"Effect": "Deny", "Action": "*", "Resource": "*"},
{"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*"},
{"Effect": "Allow", "Action": "nosuch:Thing", "Resource": "*"},
{"Sid": "NoEffect", "Action": "s3:GetObject"}
]}"#;

    fn render(text: &str, f: impl Fn(&Analysis, &Catalog) -> Vec<String>) -> String {
        let config = Config::default();
        let analysis = analyze(text, Some("p.json"), &config);
        f(&analysis, config.catalog()).join("\n")
    }

    #[test]
    fn lenses_count_distinct_actions_by_level() {
        let catalog_get = Catalog::builtin().match_actions("s3:Get*").len();
        let iam = Catalog::builtin().match_actions("iam:*").len();
        let out = render(POLICY, |a, c| {
            code_lenses(a, c)
                .into_iter()
                .map(|l| format!("{}: {}", &POLICY[l.range.as_range()], l.title))
                .collect()
        });
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 4, "{out}");
        // s3:GetObject is also matched by s3:Get*: counted once.
        let first = lines[0];
        expect_test::expect!["{: Allow: 1 List, 63 Read"].assert_eq(first);
        assert!(catalog_get > 10);
        assert_eq!(lines[1], "{: Deny: all actions");
        assert_eq!(
            lines[2],
            format!("{{: Allow: everything except {iam} actions")
        );
        assert_eq!(lines[3], "{: Allow: no known actions");
    }

    #[test]
    fn lens_levels_in_documentation_order() {
        let text = r#"{"Statement": {"Effect": "Allow", "Action": ["s3:PutObject", "s3:ListBucket", "s3:GetObject", "s3:PutObjectTagging", "s3:PutBucketPolicy"], "Resource": "*"}}"#;
        let out = render(text, |a, c| {
            code_lenses(a, c).into_iter().map(|l| l.title).collect()
        });
        assert_eq!(
            out,
            "Allow: 1 List, 1 Read, 1 Write, 1 Tagging, 1 Permissions management"
        );
    }

    #[test]
    fn hints_after_wildcards_only() {
        let n = Catalog::builtin().match_actions("s3:Get*").len();
        let all = Catalog::builtin().match_actions("*").len();
        let iam = Catalog::builtin().match_actions("iam:*").len();
        let out = render(POLICY, |a, c| {
            inlay_hints(a, c, TextRange::new(0, POLICY.len()))
                .into_iter()
                .map(|h| {
                    let value_start = POLICY[..h.offset - 1].rfind('"').unwrap();
                    format!("{} {}", &POLICY[value_start..h.offset], h.label)
                })
                .collect()
        });
        assert_eq!(
            out,
            format!("\"s3:Get*\" {n} actions\n\"*\" all {all} actions\n\"iam:*\" {iam} actions")
        );
        assert!(n > 10);
        // Outside the requested range: nothing.
        let none = render(POLICY, |a, c| {
            inlay_hints(a, c, TextRange::empty(0))
                .into_iter()
                .map(|h| h.label)
                .collect()
        });
        assert_eq!(none, "");
    }

    #[test]
    fn links_for_actions_and_keys() {
        let out = render(POLICY, |a, c| {
            document_links(a, c)
                .into_iter()
                .map(|l| format!("{} -> {}", &POLICY[l.range.as_range()], l.target))
                .collect()
        });
        // Actions link to their reference page, wildcards to the service's, keys to
        // theirs; an unknown name gets no link.
        expect_test::expect![[r#"
            s3:GetObject -> https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html#amazons3-actions-as-permissions
            s3:ListBucket -> https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html#amazons3-actions-as-permissions
            s3:Get* -> https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
            aws:PrincipalOrgID -> https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
            s3:prefix -> https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html
            iam:* -> https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html
            s3:GetObject -> https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html#amazons3-actions-as-permissions"#]].assert_eq(&out);
    }
}
