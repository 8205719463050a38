//! Rules that enforce the team's governance settings, and the statement insertion two
//! of them offer as their fix (`kms-no-root-admin`, `s3-missing-secure-transport`).

group! {
    kms_no_root_admin,
    s3_missing_secure_transport,
    s3_missing_required_encryption,
    scp_missing_audit_protection,
}

use crate::diagnostic::json_edit::{line_indent, newline, separate_lines};
use crate::diagnostic::{Applicability, Edit, Fix};
use crate::model::{self, Policy};
use crate::syntax::print::print_with_unit;
use crate::syntax::{Node, TextRange, Value};

/// `base`, or `base2`, `base3`, ... when a statement already has that Sid.
fn unique_sid(policy: &Policy<'_>, base: &str) -> String {
    let taken = |s: &str| {
        policy
            .statements
            .iter()
            .any(|st| model::value(st.sid).and_then(Node::as_str) == Some(s))
    };
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}{n}"))
        .find(|s| !taken(s))
        .unwrap_or_default()
}

/// Inserts `statement` (compact JSON) after the last statement, laid out like the
/// document: on its own lines with the statements' indentation when they are on
/// separate lines, inline otherwise.
fn insert_statement(text: &str, policy: &Policy<'_>, statement: &str, title: &str) -> Option<Fix> {
    let value = model::value(policy.statement)?;
    let edit = match &value.value {
        Value::Array(a) => match a.items.last() {
            Some(last)
                if separate_lines(text, value.range.start as usize, last.range.start as usize) =>
            {
                let indent = line_indent(text, last.range.start as usize);
                let unit = indent_unit(text, policy, indent);
                let nl = newline(text);
                let parsed = crate::syntax::parse(statement);
                let node = parsed.root.as_ref()?;
                let printed = print_with_unit(statement, node, 0, &unit, nl);
                let printed = printed.replace(nl, &format!("{nl}{indent}"));
                Edit {
                    range: TextRange::empty(last.range.end as usize),
                    text: format!(",{nl}{indent}{printed}"),
                }
            }
            Some(last) => Edit {
                range: TextRange::empty(last.range.end as usize),
                text: format!(", {statement}"),
            },
            None => Edit {
                range: TextRange::empty(value.range.start as usize + 1),
                text: statement.to_string(),
            },
        },
        Value::Object(_) => Edit {
            range: value.range,
            text: format!("[{}, {statement}]", text.get(value.range.as_range())?),
        },
        _ => return None,
    };
    Some(Fix {
        title: title.to_string(),
        edits: vec![edit],
        applicability: Applicability::Unsafe,
    })
}

/// One indentation step: the statement's indentation less that of the line holding
/// `"Statement"` when it extends it, else two spaces.
fn indent_unit(text: &str, policy: &Policy<'_>, statement_indent: &str) -> String {
    let outer = policy
        .statement
        .map_or("", |m| line_indent(text, m.key.range.start as usize));
    match statement_indent.strip_prefix(outer) {
        Some(step) if !step.is_empty() => step.to_string(),
        _ if statement_indent.starts_with('\t') => "\t".to_string(),
        _ => "  ".to_string(),
    }
}
