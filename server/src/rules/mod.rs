//! The rules: one file per rule, `rules/<group>/<id with underscores>.rs`, holding its
//! `pub static RULE: Rule` (id, level, docs, examples, fix), its check and its tests;
//! [`RULES`] lists them all. Ids are kebab-case and never reused.

/// Declares a group's rule modules and lists their rules ([`RULES`] is the groups'
/// lists in order): adding a rule to a group is its file and one line in the group's
/// `group!`.
macro_rules! group {
    ($($name:ident),* $(,)?) => {
        $(pub mod $name;)*
        /// The group's rules, in the order of `policy-lsp rules` and the README tables.
        pub(crate) static RULES: &[&crate::rules::Rule] = &[$(&$name::RULE),*];
    };
}

pub mod actions;
mod ctx;
pub(crate) use ctx::did_you_mean;
pub use ctx::RuleCtx;
pub mod conditions;
pub mod coverage;
pub mod governance;
pub mod host;
mod levels;
pub mod policy_service;
pub mod principals;
mod registry;
pub mod resources;
mod rule;
pub(crate) mod schema;
pub mod security;
pub mod structure;
pub mod syntax;
pub mod variables;

use crate::diagnostic::Diagnostic;
use crate::model;

/// Runs every rule on one document: each rule's [`Check`] hooks, and the walks that
/// report for several related rules at once.
pub(crate) fn run(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let hooks = hooks();
    for check in &hooks.document {
        check(ctx, acc);
    }
    let Some(policy) = ctx.policy else { return };
    for st in &policy.statements {
        for check in &hooks.statement {
            check(ctx, st, acc);
        }
        actions::check(ctx, st, acc);
        resources::check(ctx, st, acc);
        principals::check(ctx, st, acc);
        conditions::check(ctx, st, acc);
        if let Some(allow) = security::Allow::of(ctx, st) {
            for check in &hooks.allow {
                check(ctx, &allow, acc);
            }
        }
    }
    variables::check(ctx, acc);
    policy_service::check(ctx, acc);
}

type DocumentCheck = fn(&RuleCtx<'_>, &mut Vec<Diagnostic>);
type StatementCheck = fn(&RuleCtx<'_>, &model::Statement<'_>, &mut Vec<Diagnostic>);
type AllowCheck = fn(&RuleCtx<'_>, &security::Allow<'_, '_>, &mut Vec<Diagnostic>);

/// Every rule's hooks by kind, in registry order.
#[derive(Default)]
struct Hooks {
    document: Vec<DocumentCheck>,
    statement: Vec<StatementCheck>,
    allow: Vec<AllowCheck>,
}

fn hooks() -> &'static Hooks {
    static HOOKS: std::sync::OnceLock<Hooks> = std::sync::OnceLock::new();
    HOOKS.get_or_init(|| {
        let mut h = Hooks::default();
        for check in RULES.iter().flat_map(|r| r.checks) {
            match *check {
                Check::Document(f) => h.document.push(f),
                Check::Statement(f) => h.statement.push(f),
                Check::Allow(f) => h.allow.push(f),
                Check::Walk(_) => {}
            }
        }
        h
    })
}

pub use crate::diagnostic::Applicability;
pub use levels::{category_by_name, is_rule_or_category, level, suppression, unknown_name};
pub use registry::{rule, rule_by_any_name, RULES};
pub use rule::{
    BuildFix, Category, Check, FixCtx, InsertCtx, InsertStatement, NotesTopic, Rule, Walk,
};

#[cfg(test)]
mod tests;
#[cfg(test)]
pub(crate) mod tests_util;
