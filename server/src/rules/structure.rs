//! Structural rules that a JSON Schema cannot say well: Version semantics, required
//! and forbidden elements by document kind, Sid rules, empty elements, size quotas.

pub mod conflicting_elements;
pub mod duplicate_sid;
pub mod duplicate_statement;
pub mod empty_element;
pub mod empty_sid;
pub mod invalid_effect;
pub mod invalid_sid;
pub mod invalid_type;
pub mod invalid_version;
pub mod kind_name_mismatch;
pub mod missing_action;
pub mod missing_effect;
pub mod missing_principal;
pub mod missing_resource;
pub mod missing_statement;
pub mod missing_version;
pub mod old_version;
pub mod policy_size;
pub mod principal_not_allowed;
pub mod resource_not_allowed;
pub mod unknown_element;

use super::RuleCtx;
use crate::diagnostic::Diagnostic;
use crate::syntax::{Node, TextRange};

pub(crate) fn check(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    invalid_type::check_root(ctx, acc);
    let Some(policy) = ctx.policy else { return };
    missing_version::check(ctx, acc);
    old_version::check(ctx, acc);
    invalid_version::check(ctx, acc);
    kind_name_mismatch::check(ctx, acc);
    missing_statement::check(ctx, acc);
    empty_element::check_document(ctx, acc);
    for st in &policy.statements {
        missing_effect::check(ctx, st, acc);
        invalid_effect::check(ctx, st, acc);
        conflicting_elements::check(ctx, st, acc);
        missing_action::check(ctx, st, acc);
        resource_not_allowed::check(ctx, st, acc);
        principal_not_allowed::check(ctx, st, acc);
        missing_resource::check(ctx, st, acc);
        missing_principal::check(ctx, st, acc);
        empty_element::check(ctx, st, acc);
        empty_sid::check(ctx, st, acc);
        invalid_sid::check(ctx, st, acc);
    }
    duplicate_sid::check(ctx, acc);
    duplicate_statement::check(ctx, acc);
    policy_size::check(ctx, acc);
}

pub(crate) fn first_char(n: &Node) -> TextRange {
    TextRange::new(n.range.start as usize, n.range.start as usize + 1)
}

/// The white space between the start of the line and `at`, if only white space.
pub(crate) fn indent_before(text: &str, at: usize) -> &str {
    let line_start = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let s = &text[line_start..at.min(text.len())];
    if s.chars().all(|c| c == ' ' || c == '\t') {
        s
    } else {
        ""
    }
}
