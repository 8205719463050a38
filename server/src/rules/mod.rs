//! The rule registry: every diagnostic the checker can emit has an entry here with a
//! stable id, a default severity, its Access Analyzer / Parliament counterparts and
//! its documentation. Ids are kebab-case and never reused.

mod actions;
pub mod conditions;
pub mod coverage;
mod principals;
mod registry;
mod resources;
mod security;
pub(crate) mod structure;
mod variables;

use crate::analysis::RuleCtx;
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
    security::check_document(ctx, acc);
}

pub use registry::{rule, rule_by_any_name, Category, RuleMeta, RULES};

#[cfg(test)]
mod tests;
