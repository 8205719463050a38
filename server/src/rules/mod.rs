//! The rules: one file per rule, `rules/<group>/<id with underscores>.rs`, holding its
//! `pub static RULE: Rule` (id, level, docs, examples, fix), its check and its tests;
//! [`RULES`] lists them all. Ids are kebab-case and never reused.

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

/// The catalog-driven rules (actions, resources, principals, conditions, variables).
pub(crate) fn semantic(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(policy) = ctx.policy else { return };
    for st in &policy.statements {
        actions::check(ctx, st, acc);
        resources::check(ctx, st, acc);
        principals::check(ctx, st, acc);
        conditions::check(ctx, st, acc);
        security::check_statement(ctx, st, acc);
    }
    variables::check(ctx, acc);
    policy_service::check(ctx, acc);
    security::check_document(ctx, acc);
    security::privilege_escalation::check_document(ctx, acc);
}

pub use crate::diagnostic::Applicability;
pub use levels::{category_by_name, is_rule_or_category, level, suppression, unknown_name};
pub use registry::{rule, rule_by_any_name, RULES};
pub use rule::{BuildFix, Category, FixCtx, InsertCtx, InsertStatement, NotesTopic, Rule};

#[cfg(test)]
mod tests;
#[cfg(test)]
pub(crate) mod tests_util;
