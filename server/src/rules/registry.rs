//! The registry: every rule the checker has, in the order of `policy-lsp rules` and
//! the README tables. Adding a rule adds one line to its group's `group!`; a new group
//! adds one line here.

use super::rule::Rule;
use super::{actions, conditions, governance, host, policy_service, principals, resources};
use super::{security, structure, syntax, variables};
use std::sync::LazyLock;

/// The groups, in the order of `policy-lsp rules` and the README tables; each group's
/// `group!` lists its rules.
static GROUPS: &[&[&Rule]] = &[
    syntax::RULES,
    host::RULES,
    structure::RULES,
    actions::RULES,
    resources::RULES,
    policy_service::RULES,
    principals::RULES,
    conditions::RULES,
    variables::RULES,
    security::RULES,
    governance::RULES,
];

/// Every rule, group by group.
pub static RULES: LazyLock<Vec<&'static Rule>> =
    LazyLock::new(|| GROUPS.iter().flat_map(|g| g.iter().copied()).collect());

/// Looks a rule up by its id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    // Looked up for every finding (its default severity, then the config's level): an
    // index instead of a scan of the whole table.
    static INDEX: std::sync::OnceLock<crate::FastMap<&'static str, &'static Rule>> =
        std::sync::OnceLock::new();
    INDEX
        .get_or_init(|| {
            let mut m = crate::FastMap::default();
            for r in RULES.iter() {
                m.entry(r.id).or_insert(*r);
            }
            m
        })
        .get(id)
        .copied()
}

/// Looks a rule up by its id or by an Access Analyzer / Parliament code (case-insensitive).
pub fn rule_by_any_name(name: &str) -> Option<&'static Rule> {
    let name = name.trim();
    RULES.iter().copied().find(|r| {
        r.id.eq_ignore_ascii_case(name)
            || r.access_analyzer
                .iter()
                .any(|c| c.eq_ignore_ascii_case(name))
            || r.parliament.iter().any(|c| c.eq_ignore_ascii_case(name))
    })
}
