//! Edits to JSON text that keep the document's layout: members and items are added
//! and removed with their separators, on the lines and with the indentation the
//! neighbours use.

use super::Edit;
use crate::syntax::{Member, Node, Object, TextRange};

/// `"\r\n"` when the document's first line break is one, else `"\n"`.
pub fn newline(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// A JSON string literal.
pub fn json_str(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// The whitespace that starts the line holding `offset`.
pub fn line_indent(text: &str, offset: usize) -> &str {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[start..];
    let n = line.len() - line.trim_start_matches([' ', '\t']).len();
    &line[..n.min(offset - start)]
}

pub fn separate_lines(text: &str, a: usize, b: usize) -> bool {
    text.get(a..b).is_some_and(|s| s.contains('\n'))
}

/// Removes member `i` of `obj` with the comma that separates it from a neighbour.
pub fn remove_member(obj: &Object, i: usize) -> Edit {
    let m = &obj.members[i];
    let range = match (
        obj.members.get(i + 1),
        i.checked_sub(1).map(|p| &obj.members[p]),
    ) {
        (Some(next), _) => {
            TextRange::new(m.key.range.start as usize, next.key.range.start as usize)
        }
        (None, Some(prev)) => TextRange::new(prev.range().end as usize, m.range().end as usize),
        (None, None) => m.range(),
    };
    Edit {
        range,
        text: String::new(),
    }
}

/// Appends `member` (the text of a `"key": value` pair) to the object `node`,
/// separated like its existing members.
pub fn append_member(text: &str, node: &Node, member: &str) -> Edit {
    let members: &[Member] = node.as_object().map_or(&[], |o| &o.members);
    match members.last() {
        Some(last) => {
            let first = members[0].key.range.start as usize;
            let sep = if separate_lines(text, node.range.start as usize, first) {
                format!(",{}{}", newline(text), line_indent(text, first))
            } else {
                ", ".to_string()
            };
            Edit {
                range: TextRange::empty(last.range().end as usize),
                text: format!("{sep}{member}"),
            }
        }
        None => Edit {
            range: TextRange::empty(node.range.start as usize + 1),
            text: member.to_string(),
        },
    }
}

/// Appends `items` (JSON texts) to the array `node`, separated like its items.
pub fn append_items(text: &str, node: &Node, items: &[String]) -> Option<Edit> {
    let a = node.as_array()?;
    let Some(last) = a.items.last() else {
        return Some(Edit {
            range: TextRange::empty(node.range.start as usize + 1),
            text: items.join(", "),
        });
    };
    let first = a.items[0].range.start as usize;
    let sep = if separate_lines(text, node.range.start as usize, first) {
        format!(",{}{}", newline(text), line_indent(text, first))
    } else {
        ", ".to_string()
    };
    let mut res = String::new();
    for it in items {
        res.push_str(&sep);
        res.push_str(it);
    }
    Some(Edit {
        range: TextRange::empty(last.range.end as usize),
        text: res,
    })
}
