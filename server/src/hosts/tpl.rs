//! `*.json.tpl` / `*.json.tftpl`: a JSON policy for Terraform's `templatefile`, with
//! `${...}` interpolations (holes) and `$${` for a literal `${`.

use super::map::OffsetMapBuilder;
use super::{json_in_string, Embedded, HStr, Hole, HoleKind, HostParse, Piece, Quote};
use crate::syntax::TextRange;

pub fn parse(text: &str) -> HostParse {
    let mut out = HostParse::default();
    if let Some(at) = text.find("%{") {
        // Template directives (`%{ for }`, `%{ if }`) write the JSON at render time.
        out.not_analysed.push((
            TextRange::new(at, at + 2),
            "template directives (%{ … }) decide the JSON when the template is rendered".into(),
        ));
        return out;
    }
    let s = template_string(text, 0, Quote::Block);
    let (root, errors) = json_in_string(&s);
    out.errors = errors;
    if let Some(root) = root {
        out.policies.push(Embedded {
            anchor: TextRange::empty(root.range.start as usize),
            root,
            kind: None,
            name: "template".into(),
            implied_resource: false,
        });
    }
    out
}

/// Splits a Terraform template text (at host offset `start`) into text and `${...}`
/// holes. Used for `.json.tpl` files, heredocs and quoted strings.
pub fn template_string(text: &str, start: usize, quote: Quote) -> HStr {
    let mut pieces = Vec::new();
    let mut lit = String::new();
    let mut b = OffsetMapBuilder::new(start);
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut run_from = 0;
    let flush =
        |lit: &mut String, b: &mut OffsetMapBuilder, pieces: &mut Vec<Piece>, next: usize| {
            let done = std::mem::replace(b, OffsetMapBuilder::new(next));
            if !lit.is_empty() {
                pieces.push(Piece::Text {
                    text: std::mem::take(lit),
                    map: done.finish(),
                });
            }
        };
    while i < bytes.len() {
        if bytes[i] == b'$' && bytes.get(i + 1) == Some(&b'$') && bytes.get(i + 2) == Some(&b'{') {
            lit.push_str(&text[run_from..i]);
            b.verbatim(i - run_from);
            b.skip(1);
            run_from = i + 1;
            i += 3;
            continue;
        }
        if bytes[i] == b'$' && bytes.get(i + 1) == Some(&b'{') {
            let Some(close) = matching_brace(text, i + 1) else {
                break;
            };
            lit.push_str(&text[run_from..i]);
            b.verbatim(i - run_from);
            flush(&mut lit, &mut b, &mut pieces, start + close + 1);
            let name = text[i + 2..close].trim().to_string();
            pieces.push(Piece::Hole(Hole {
                range: TextRange::new(start + i, start + close + 1),
                kind: hole_kind(&name),
                name,
            }));
            i = close + 1;
            run_from = i;
            continue;
        }
        i += 1;
    }
    lit.push_str(&text[run_from..]);
    b.verbatim(text.len() - run_from);
    flush(&mut lit, &mut b, &mut pieces, start + text.len());
    HStr { pieces, quote }
}

/// The `}` that closes the `{` at `open`, skipping nested braces and quoted strings.
fn matching_brace(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_str = false;
    let mut escaped = false;
    for (i, c) in text.get(open..)?.char_indices() {
        if in_str {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_str = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_str = true,
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            '\n' if depth <= 1 && i > 200 => return None,
            _ => {}
        }
    }
    None
}

/// What an interpolation is, from its expression.
pub fn hole_kind(expr: &str) -> HoleKind {
    let e = expr.trim();
    if e.ends_with(".account_id") && e.contains("aws_caller_identity") {
        HoleKind::AccountId
    } else if e.ends_with(".partition") && e.contains("aws_partition") {
        HoleKind::Partition
    } else if (e.ends_with(".name") || e.ends_with(".id") || e.ends_with(".region"))
        && e.contains("aws_region")
    {
        HoleKind::Region
    } else if let Some(ty) = e
        .strip_suffix(".arn")
        .and_then(|r| r.strip_prefix("data.").or(Some(r)))
        .and_then(|r| r.split('.').next())
        .filter(|t| t.starts_with("aws_"))
    {
        HoleKind::Arn(ty.to_string())
    } else {
        HoleKind::Value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holes_and_escaped_dollars() {
        let s = template_string("a${var.x}b$${c}", 10, Quote::Block);
        assert_eq!(s.display(), "a${var.x}b${c}");
        let Piece::Hole(h) = &s.pieces[1] else {
            panic!()
        };
        assert_eq!(h.range, TextRange::new(11, 19));
        let Piece::Text { text, map } = &s.pieces[2] else {
            panic!()
        };
        assert_eq!(text, "b${c}");
        assert_eq!((map.host(0), map.host(1), map.host(2)), (19, 21, 22));
    }

    #[test]
    fn kinds_of_interpolations() {
        assert_eq!(
            hole_kind("data.aws_caller_identity.current.account_id"),
            HoleKind::AccountId
        );
        assert_eq!(
            hole_kind("aws_sqs_queue.q.arn"),
            HoleKind::Arn("aws_sqs_queue".into())
        );
        assert_eq!(hole_kind("var.bucket"), HoleKind::Value);
    }
}
