//! JSON into host trees: a CloudFormation JSON template (ranges are already host
//! ranges), and JSON written inside a host string (a heredoc, a `*.json.tpl` file, a
//! policy given as a string), whose ranges go through the string's map.

use super::map::{json_string_map, OffsetMap, OffsetMapBuilder};
use super::{HMember, HNode, HStr, HValue, Hole, Piece, Quote};
use crate::syntax::{self, Node, SyntaxError, TextRange, Value};

/// Where the JSON text is: positions in it map to host offsets through `text` pieces
/// and holes.
struct Source<'a> {
    text: &'a str,
    /// (text range of the part, what it is), in order, covering `text`.
    parts: Vec<(TextRange, Part<'a>)>,
}

enum Part<'a> {
    /// Text copied from a host string: its map.
    Text(&'a OffsetMap),
    Hole(&'a Hole),
}

impl Source<'_> {
    fn host(&self, at: usize) -> usize {
        let i = self
            .parts
            .partition_point(|(r, _)| (r.end as usize) < at)
            .min(self.parts.len().saturating_sub(1));
        match self.parts.get(i) {
            Some((r, Part::Text(m))) => m.host(at.saturating_sub(r.start as usize)),
            Some((r, Part::Hole(h))) => {
                if at <= r.start as usize {
                    h.range.start as usize
                } else {
                    h.range.end as usize
                }
            }
            None => at,
        }
    }
    fn range(&self, r: TextRange) -> TextRange {
        let start = self.host(r.start as usize);
        TextRange::new(start, self.host(r.end as usize).max(start))
    }
    fn hole_in(&self, r: TextRange) -> Option<(TextRange, &Hole)> {
        self.parts.iter().find_map(|(pr, p)| match p {
            Part::Hole(h) if pr.start >= r.start && pr.end <= r.end => Some((*pr, *h)),
            _ => None,
        })
    }
}

/// A JSON tree whose ranges are host ranges (a CloudFormation JSON template). `src` is
/// the host text.
pub fn from_json(root: &Node, src: &str) -> HNode {
    convert(root, &Direct(src))
}

/// Reads the JSON written in a host string. Holes outside JSON strings are read as
/// strings. Returns the tree (host ranges) and the JSON syntax errors (host ranges).
pub fn json_in_string(s: &HStr) -> (Option<HNode>, Vec<SyntaxError>) {
    let mut text = String::new();
    let mut parts = Vec::new();
    let mut in_string = false;
    for p in &s.pieces {
        let start = text.len();
        match p {
            Piece::Text { text: t, map } => {
                in_string = scan_strings(t, in_string);
                text.push_str(t);
                parts.push((TextRange::new(start, text.len()), Part::Text(map)));
            }
            Piece::Hole(h) => {
                let quoted = !in_string;
                if quoted {
                    text.push('"');
                }
                text.push_str("${");
                text.push_str(&sanitize(&h.name));
                text.push('}');
                if quoted {
                    text.push('"');
                }
                parts.push((TextRange::new(start, text.len()), Part::Hole(h)));
            }
        }
    }
    let src = Source { text: &text, parts };
    let parse = syntax::parse(&text);
    let errors = parse
        .errors
        .iter()
        .map(|e| SyntaxError {
            range: src.range(e.range),
            message: e.message.clone(),
        })
        .collect();
    (parse.root.as_ref().map(|r| convert(r, &src)), errors)
}

/// A hole's name as it may appear inside `${...}` in JSON text. `:` becomes `.`
/// (`${AWS.Partition}`), so that a hole never splits an ARN's fields.
pub(crate) fn sanitize(name: &str) -> String {
    name.replace("::", ".")
        .chars()
        .map(|c| match c {
            '"' | '\\' | '}' | '{' | '$' => '_',
            ':' => '.',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect()
}

/// Whether the text ends inside a JSON string, given whether it starts in one.
fn scan_strings(t: &str, mut in_string: bool) -> bool {
    let mut escaped = false;
    for b in t.bytes() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if b == b'"' {
            in_string = true;
        }
    }
    in_string
}

/// How positions in the JSON text become host positions.
trait Mapper {
    fn range(&self, r: TextRange) -> TextRange;
    /// The pieces of the string whose contents (as written) are `inner`.
    fn string(&self, inner: TextRange, closed: bool) -> Vec<Piece>;
}

/// JSON text that is the host text.
struct Direct<'a>(&'a str);

impl Mapper for Direct<'_> {
    fn range(&self, r: TextRange) -> TextRange {
        r
    }
    fn string(&self, inner: TextRange, _closed: bool) -> Vec<Piece> {
        let raw = self.0.get(inner.as_range()).unwrap_or("");
        vec![text_piece(raw, json_string_map(raw, inner.start as usize))]
    }
}

impl Mapper for Source<'_> {
    fn range(&self, r: TextRange) -> TextRange {
        Source::range(self, r)
    }
    fn string(&self, inner: TextRange, _closed: bool) -> Vec<Piece> {
        let mut pieces = Vec::new();
        let mut at = inner.start;
        let mut rest = inner;
        while let Some((hr, hole)) = self.hole_in(rest) {
            // A hole written with quotes around it (it stood outside a string) covers
            // the quotes too: its `${` starts one byte in.
            let (hs, he) = if self.text.as_bytes().get(hr.start as usize) == Some(&b'"') {
                (hr.start + 1, hr.end.saturating_sub(1))
            } else {
                (hr.start, hr.end)
            };
            if hs > at {
                pieces.push(self.literal(TextRange { start: at, end: hs }));
            }
            pieces.push(Piece::Hole(hole.clone()));
            at = he.max(at);
            rest = TextRange {
                start: hr.end.max(rest.start),
                end: rest.end,
            };
            if rest.start >= rest.end {
                break;
            }
        }
        if at < inner.end || pieces.is_empty() {
            pieces.push(self.literal(TextRange {
                start: at,
                end: inner.end,
            }));
        }
        pieces
    }
}

impl Source<'_> {
    /// A literal part of a JSON string (text range `r`, as written): decoded, with a
    /// map to the host through the JSON escapes and the host string's own map.
    fn literal(&self, r: TextRange) -> Piece {
        let raw = self.text.get(r.as_range()).unwrap_or("");
        let inner = json_string_map(raw, r.start as usize);
        let Piece::Text { text, map } = text_piece(raw, inner) else {
            unreachable!("text_piece makes text")
        };
        // Compose: decoded → JSON text offset → host offset.
        let mut b = OffsetMapBuilder::new(self.host(map.host(0)));
        for d in 0..map.len() {
            let h0 = self.host(map.host(d));
            let h1 = self.host(map.host(d + 1));
            b.jump_to(h0);
            b.decoded(1, h1.saturating_sub(h0));
        }
        Piece::Text {
            text,
            map: b.finish(),
        }
    }
}

/// Decodes a JSON string's contents as written.
pub(super) fn text_piece(raw: &str, map: OffsetMap) -> Piece {
    let text = if raw.contains('\\') {
        serde_json::from_str::<String>(&format!("\"{raw}\"")).unwrap_or_else(|_| raw.to_string())
    } else {
        raw.to_string()
    };
    Piece::Text { text, map }
}

fn convert(node: &Node, m: &dyn Mapper) -> HNode {
    let range = m.range(node.range);
    let value = match &node.value {
        Value::Object(o) => HValue::Object(
            o.members
                .iter()
                .map(|mem| HMember {
                    key: HStr {
                        pieces: m.string(key_inner(mem.key.range, mem.key.closed), mem.key.closed),
                        quote: Quote::Json,
                    },
                    key_range: m.range(mem.key.range),
                    value: mem.value.as_ref().map(|v| convert(v, m)),
                })
                .collect(),
        ),
        Value::Array(a) => HValue::Array(a.items.iter().map(|i| convert(i, m)).collect()),
        Value::String(s) => HValue::Str(HStr {
            pieces: m.string(node.inner_range(), s.closed),
            quote: Quote::Json,
        }),
        Value::Number(n) => HValue::Number(n.clone()),
        Value::Bool(b) => HValue::Bool(*b),
        Value::Null => HValue::Null,
        Value::Error => HValue::Error,
    };
    HNode { range, value }
}

fn key_inner(r: TextRange, closed: bool) -> TextRange {
    let start = r.start + 1;
    let end = if closed {
        r.end.saturating_sub(1)
    } else {
        r.end
    };
    TextRange {
        start: start.min(end),
        end: end.max(start.min(end)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strs(n: &HNode, out: &mut Vec<String>) {
        match &n.value {
            HValue::Object(ms) => {
                for m in ms {
                    out.push(format!("key {}", m.key.display()));
                    if let Some(v) = &m.value {
                        strs(v, out);
                    }
                }
            }
            HValue::Array(items) => items.iter().for_each(|i| strs(i, out)),
            HValue::Str(s) => out.push(s.display()),
            _ => {}
        }
    }

    #[test]
    fn template_strings_keep_host_offsets_through_escapes() {
        let src = r#"{"A": "s3:Get\u004fbject"}"#;
        let p = syntax::parse(src);
        let root = from_json(p.root.as_ref().expect("root"), src);
        let v = root.get_value("A").expect("A");
        let HValue::Str(s) = &v.value else {
            panic!("not a string")
        };
        let Piece::Text { text, map } = &s.pieces[0] else {
            panic!("no text")
        };
        assert_eq!(text, "s3:GetObject");
        // "Object" starts at decoded 6, which is the `\u004f` escape.
        assert_eq!(&src[map.host(6)..map.host(6) + 6], r"\u004f");
        assert_eq!(&src[map.host(7)..map.host(12)], "bject");
    }

    #[test]
    fn holes_inside_and_outside_json_strings() {
        // Host text: the heredoc body `{"R": "${var.a}/x", "S": ${var.b}}` at offset 5.
        let body = r#"{"R": "${var.a}/x", "S": ${var.b}}"#;
        let host = format!("xxxxx{body}");
        let hole = |name: &str, at: usize| {
            Piece::Hole(Hole {
                range: TextRange::new(at, at + name.len() + 3),
                name: name.to_string(),
                kind: super::super::HoleKind::Value,
            })
        };
        let a = 5 + body.find("${var.a}").expect("a");
        let b = 5 + body.find("${var.b}").expect("b");
        let s = HStr {
            pieces: vec![
                Piece::Text {
                    text: body[..a - 5].to_string(),
                    map: OffsetMap::verbatim(5, a - 5),
                },
                hole("var.a", a),
                Piece::Text {
                    text: body[a - 5 + 8..b - 5].to_string(),
                    map: OffsetMap::verbatim(a + 8, b - a - 8),
                },
                hole("var.b", b),
                Piece::Text {
                    text: "}".to_string(),
                    map: OffsetMap::verbatim(b + 8, 1),
                },
            ],
            quote: Quote::Block,
        };
        let (root, errors) = json_in_string(&s);
        assert_eq!(errors, vec![]);
        let root = root.expect("root");
        let mut out = Vec::new();
        strs(&root, &mut out);
        assert_eq!(out, vec!["key R", "${var.a}/x", "key S", "${var.b}"]);
        let r = root.get_value("R").expect("R");
        assert_eq!(&host[r.range.as_range()], r#""${var.a}/x""#);
        let HValue::Str(rs) = &r.value else { panic!() };
        let Piece::Text { map, .. } = &rs.pieces[1] else {
            panic!()
        };
        assert_eq!(&host[map.host(0)..map.host(2)], "/x");
        let sv = root.get_value("S").expect("S");
        assert_eq!(&host[sv.range.as_range()], "${var.b}");
    }
}
