//! Structural rules that a JSON Schema cannot say well: Version semantics, required
//! and forbidden elements by document kind, Sid rules, empty elements, size quotas.

group! {
    invalid_type,
    unknown_element,
    invalid_effect,
    missing_version,
    invalid_version,
    old_version,
    missing_statement,
    missing_effect,
    missing_action,
    conflicting_elements,
    missing_resource,
    missing_principal,
    kind_name_mismatch,
    principal_not_allowed,
    resource_not_allowed,
    invalid_sid,
    duplicate_sid,
    empty_sid,
    empty_element,
    policy_size,
    duplicate_statement,
}

use crate::syntax::{Node, TextRange};

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
