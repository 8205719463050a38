//! HCL expressions into host trees: literals, strings (quoted and heredoc, with exact
//! maps through escapes and stripped indentation), objects, tuples, conditionals;
//! references and function calls become holes.

use super::super::map::{OffsetMap, OffsetMapBuilder};
use super::super::tpl::hole_kind;
use super::super::{HMember, HNode, HStr, HValue, Hole, Piece, Quote};
use super::tree::Node;
use crate::syntax::TextRange;

/// Nesting deeper than this is not read (one `not analysed` value instead).
const MAX_DEPTH: usize = 96;

/// Hole names longer than this are cut (a long function call).
const MAX_NAME: usize = 80;

pub(super) fn range(n: Node<'_>) -> TextRange {
    TextRange::new(n.start_byte(), n.end_byte())
}

/// The named children (the tree holds no comments).
pub(super) fn named_children(n: Node<'_>) -> Vec<Node<'_>> {
    n.named_children().collect()
}

/// The inside of `expression` wrappers and parentheses.
pub(super) fn unwrap(mut n: Node<'_>) -> Node<'_> {
    while matches!(
        n.kind(),
        "expression" | "collection_value" | "literal_value" | "template_expr" | "for_expr"
    ) {
        match named_children(n).as_slice() {
            [one] if one.kind() != "variable_expr" => n = *one,
            _ => break,
        }
    }
    n
}

/// A synthesized string (a key or value the host implies but does not write): it
/// spans `host` as a whole, and fixes leave it alone (`Quote::Block`).
pub(super) fn synth(text: &str, host: TextRange) -> HStr {
    let mut b = OffsetMapBuilder::new(host.start as usize);
    b.decoded(text.len(), host.len());
    HStr::literal(text.to_string(), b.finish(), Quote::Block)
}

/// A string that is one hole.
pub(super) fn hole_str(name: &str, r: TextRange) -> HStr {
    let name = short(name);
    HStr {
        pieces: vec![Piece::Hole(Hole {
            range: r,
            kind: hole_kind(&name),
            name,
        })],
        quote: Quote::Plain,
    }
}

/// An expression's text on one line, cut when long.
pub(super) fn short(src: &str) -> String {
    let mut name: String = src.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.len() > MAX_NAME {
        let mut cut = MAX_NAME;
        while !name.is_char_boundary(cut) {
            cut -= 1;
        }
        name.truncate(cut);
        name.push('…');
    }
    name
}

pub(super) struct Reader<'a> {
    pub text: &'a str,
}

impl Reader<'_> {
    pub fn src(&self, n: Node<'_>) -> &str {
        self.text.get(n.byte_range()).unwrap_or("")
    }

    /// A string label or identifier as written, quotes left out.
    pub fn label(&self, n: Node<'_>) -> &str {
        let s = self.src(n);
        s.strip_prefix('"')
            .map_or(s, |s| s.strip_suffix('"').unwrap_or(s))
    }

    fn hole(&self, n: Node<'_>) -> HNode {
        HNode::new(range(n), HValue::Str(hole_str(self.src(n), range(n))))
    }

    /// The value of an expression.
    pub fn value(&self, n: Node<'_>, depth: usize) -> HNode {
        let n = unwrap(n);
        let r = range(n);
        if depth > MAX_DEPTH {
            return HNode::new(r, HValue::Opaque("nested too deeply".into()));
        }
        match n.kind() {
            "object" => self.object(n, depth),
            "tuple" => HNode::new(
                r,
                HValue::Array(
                    named_children(n)
                        .into_iter()
                        .filter(|k| k.kind() == "expression")
                        .map(|k| self.value(k, depth + 1))
                        .collect(),
                ),
            ),
            "string_lit" | "quoted_template" => self.quoted(n),
            "heredoc_template" => self.heredoc(n),
            "numeric_lit" => HNode::new(r, HValue::Number(self.src(n).to_string())),
            "bool_lit" => HNode::new(r, HValue::Bool(self.src(n) == "true")),
            "null_lit" => HNode::new(r, HValue::Null),
            "function_call" => {
                let kids = named_children(n);
                let name = kids.first().map(|k| self.src(*k));
                let args = kids
                    .iter()
                    .find(|k| k.kind() == "function_arguments")
                    .map(|a| named_children(*a))
                    .unwrap_or_default();
                match (name, args.as_slice()) {
                    (Some("jsonencode"), [arg]) => self.value(*arg, depth + 1),
                    _ => self.hole(n),
                }
            }
            "conditional" => match named_children(n).as_slice() {
                [_, a, b] => HNode::new(
                    r,
                    HValue::Choice(vec![self.value(*a, depth + 1), self.value(*b, depth + 1)]),
                ),
                _ => HNode::new(r, HValue::Error),
            },
            "for_tuple_expr" | "for_object_expr" => HNode::new(
                r,
                HValue::Opaque("a `for` expression builds this value when the plan is made".into()),
            ),
            "ERROR" => HNode::new(r, HValue::Error),
            _ => self.hole(n),
        }
    }

    fn object(&self, n: Node<'_>, depth: usize) -> HNode {
        let members = named_children(n)
            .into_iter()
            .filter(|k| k.kind() == "object_elem")
            .filter_map(|e| {
                let key = e.child_by_field_name("key")?;
                let value = e
                    .child_by_field_name("val")
                    .map(|v| self.value(v, depth + 1));
                Some(HMember {
                    key: self.key(key, depth),
                    key_range: range(key),
                    value,
                })
            })
            .collect();
        HNode::new(range(n), HValue::Object(members))
    }

    /// An object key: a bare identifier is its own name; anything else is evaluated.
    fn key(&self, k: Node<'_>, depth: usize) -> HStr {
        if let [v] = named_children(k).as_slice() {
            if v.kind() == "variable_expr" {
                let r = range(*v);
                return HStr::literal(
                    self.src(*v).to_string(),
                    OffsetMap::verbatim(r.start as usize, r.len()),
                    Quote::Plain,
                );
            }
        }
        match self.value(k, depth + 1).value {
            HValue::Str(s) => s,
            _ => hole_str(self.src(k), range(k)),
        }
    }

    /// A quoted string: HCL escapes, `$${` and `%%{`, interpolations as holes.
    fn quoted(&self, n: Node<'_>) -> HNode {
        let r = range(n);
        let kids: Vec<Node<'_>> = n.children().collect();
        let start = kids
            .iter()
            .find(|k| k.kind() == "quoted_template_start")
            .map_or(n.start_byte(), |k| k.end_byte());
        let end = kids
            .iter()
            .find(|k| k.kind() == "quoted_template_end" && !k.is_missing())
            .map_or(n.end_byte(), |k| k.start_byte());
        self.template(n, start, end, Mode::Quoted, Quote::Hcl)
            .map_or_else(
                |why| HNode::new(r, HValue::Opaque(why)),
                |s| HNode::new(r, HValue::Str(s)),
            )
    }

    /// A heredoc: the lines between the markers; `<<-` strips the common indentation.
    fn heredoc(&self, n: Node<'_>) -> HNode {
        let r = range(n);
        let kids = named_children(n);
        let flush = kids
            .iter()
            .any(|k| k.kind() == "heredoc_start" && self.src(*k) == "<<-");
        let ids: Vec<Node<'_>> = kids
            .iter()
            .copied()
            .filter(|k| k.kind() == "heredoc_identifier")
            .collect();
        let open_end = ids.first().map_or(n.start_byte(), |k| k.end_byte());
        let start = self.text[open_end.min(self.text.len())..]
            .find('\n')
            .map_or(n.end_byte(), |i| open_end + i + 1);
        let end = match ids.get(1) {
            Some(close) => line_start(self.text, close.start_byte()),
            None => n.end_byte(),
        }
        .max(start);
        let indent = if flush {
            let body = self.text.get(start..end).unwrap_or("");
            body.lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
                .min()
                .unwrap_or(0)
        } else {
            0
        };
        self.template(n, start, end, Mode::Heredoc { indent }, Quote::Block)
            .map_or_else(
                |why| HNode::new(r, HValue::Opaque(why)),
                |s| HNode::new(r, HValue::Str(s)),
            )
    }

    /// The template text `start..end` of `n`: literal pieces decoded, interpolations
    /// as holes. Directives (`%{ if }`, `%{ for }`) make the text unknown.
    fn template(
        &self,
        n: Node<'_>,
        start: usize,
        end: usize,
        mode: Mode,
        quote: Quote,
    ) -> Result<HStr, String> {
        let mut pieces = Vec::new();
        let mut at = start;
        for k in named_children(n) {
            match k.kind() {
                "template_directive" => {
                    return Err(
                        "template directives (%{ … }) decide this text when the plan is made"
                            .into(),
                    )
                }
                "template_interpolation" => {
                    self.literal(at, k.start_byte().max(at), start, mode, &mut pieces);
                    let name = named_children(k)
                        .into_iter()
                        .find(|e| e.kind() == "expression")
                        .map_or("", |e| self.src(e));
                    pieces.push(Piece::Hole(Hole {
                        range: range(k),
                        kind: hole_kind(name),
                        name: name.trim().to_string(),
                    }));
                    at = k.end_byte();
                }
                _ => {}
            }
        }
        self.literal(at, end.max(at), start, mode, &mut pieces);
        Ok(HStr { pieces, quote })
    }

    /// Decodes the literal text `from..to`; `body` is where the template starts (a line
    /// start for heredocs).
    fn literal(&self, from: usize, to: usize, body: usize, mode: Mode, out: &mut Vec<Piece>) {
        let Some(raw) = self.text.get(from..to) else {
            return;
        };
        let mut text = String::new();
        let mut b = OffsetMapBuilder::new(from);
        let bytes = raw.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let p = from + i;
            let at_line_start = p == body
                || p.checked_sub(1).and_then(|q| self.text.as_bytes().get(q)) == Some(&b'\n');
            if let (Mode::Heredoc { indent }, true) = (mode, at_line_start) {
                let ws = raw[i..].len() - raw[i..].trim_start_matches([' ', '\t']).len();
                let cut = ws.min(indent);
                if cut > 0 {
                    b.skip(cut);
                    i += cut;
                    continue;
                }
            }
            let rest = &raw[i..];
            if rest.starts_with("$${") || rest.starts_with("%%{") {
                b.skip(1);
                text.push_str(&rest[1..3]);
                b.verbatim(2);
                i += 3;
                continue;
            }
            if let (Mode::Quoted, b'\\') = (mode, bytes[i]) {
                let (host_len, c) = hcl_escape(rest);
                match c {
                    Some(c) => {
                        text.push(c);
                        b.decoded(c.len_utf8(), host_len);
                    }
                    None => b.skip(host_len),
                }
                i += host_len;
                continue;
            }
            let len = rest.chars().next().map_or(1, char::len_utf8);
            text.push_str(&rest[..len]);
            b.verbatim(len);
            i += len;
        }
        if !text.is_empty() {
            out.push(Piece::Text {
                text,
                map: b.finish(),
            });
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Quoted,
    Heredoc { indent: usize },
}

fn line_start(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// (host bytes, decoded char) of the HCL escape at the start of `s` (a `\`).
fn hcl_escape(s: &str) -> (usize, Option<char>) {
    let hex = |n: usize| {
        s.get(2..2 + n)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32)
    };
    match s.as_bytes().get(1) {
        Some(b'n') => (2, Some('\n')),
        Some(b'r') => (2, Some('\r')),
        Some(b't') => (2, Some('\t')),
        Some(b'"') => (2, Some('"')),
        Some(b'\\') => (2, Some('\\')),
        Some(b'u') if hex(4).is_some() => (6, hex(4)),
        Some(b'U') if hex(8).is_some() => (10, hex(8)),
        Some(_) => {
            // Not an escape HCL knows: kept as written.
            (1, Some('\\'))
        }
        None => (1, Some('\\')),
    }
}
