//! What a configuration means for the rules: the level it gives a rule (by id, Access
//! Analyzer or Parliament code, or category), the `[[ignore]]` entry that suppresses a
//! finding, and the rule names it mentions that no rule has. `Config` itself is plain
//! data; this is the one place that reads it against the registry.

use super::{rule, rule_by_any_name, Category, RULES};
use crate::config::{Config, Ignore};
use crate::diagnostic::Severity;

/// The category named `name` (`security`, `Style`, …).
pub fn category_by_name(name: &str) -> Option<Category> {
    [
        Category::Syntax,
        Category::Structure,
        Category::Correctness,
        Category::Security,
        Category::Suspicious,
        Category::Style,
        Category::Governance,
    ]
    .into_iter()
    .find(|c| c.name().eq_ignore_ascii_case(name))
}

/// Whether `name` is a rule (by any of its names) or a category.
pub fn is_rule_or_category(name: &str) -> bool {
    rule_by_any_name(name).is_some() || category_by_name(name).is_some()
}

/// `Some(level)` when the config sets a level for `rule_id` (an id wins over a category;
/// a later line over an earlier one).
pub fn level(config: &Config, rule_id: &str) -> Option<Option<Severity>> {
    let by_id = config
        .rules
        .iter()
        .rev()
        .find(|(name, _)| rule_by_any_name(name).is_some_and(|r| r.id == rule_id));
    if let Some((_, l)) = by_id {
        return Some(*l);
    }
    let cat = rule(rule_id)?.category;
    config
        .rules
        .iter()
        .rev()
        .find(|(name, _)| category_by_name(name) == Some(cat))
        .map(|(_, l)| *l)
}

/// The `[[ignore]]` entry that suppresses `rule_id` in `file` for a statement with `sid`.
pub fn suppression<'c>(
    config: &'c Config,
    rule_id: &str,
    file: Option<&str>,
    sid: Option<&str>,
) -> Option<&'c Ignore> {
    let meta = rule(rule_id)?;
    config.ignores_matching(file, sid).into_iter().find(|ig| {
        ig.rules.is_empty()
            || ig.rules.iter().any(|r| {
                rule_by_any_name(r).is_some_and(|m| m.id == meta.id)
                    || category_by_name(r) == Some(meta.category)
            })
    })
}

/// The first rule name in `[rules]` or an `[[ignore]]` entry that is neither a rule nor
/// a category, with the message to show (and a did-you-mean).
pub fn unknown_name(config: &Config) -> Option<(String, String)> {
    if let Some((name, _)) = config.rules.iter().find(|(n, _)| !is_rule_or_category(n)) {
        let near = crate::suggest::best(name, RULES.iter().map(|r| r.id))
            .map(|s| format!(": did you mean `{s}`?"))
            .unwrap_or_default();
        return Some((
            name.clone(),
            format!("unknown rule `{name}`{near} (`policy-lsp rules` lists them)"),
        ));
    }
    config
        .ignores
        .iter()
        .flat_map(|ig| &ig.rules)
        .find(|r| !is_rule_or_category(r))
        .map(|bad| (bad.clone(), format!("unknown rule `{bad}` in [[ignore]]")))
}
