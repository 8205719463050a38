//! One embedded policy as a JSON document (the *virtual document*), and the map from
//! its ranges back to the host file.

use super::map::{OffsetMap, OffsetMapBuilder};
use super::{json::sanitize, HNode, HStr, HValue, HoleKind, Piece, Quote};
use crate::syntax::TextRange;

/// A virtual document and its map.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Virtual {
    pub text: String,
    pub map: SourceMap,
    /// The `${name}` spans in `text` that stand for holes (intrinsics, interpolations,
    /// values that cannot be analysed): rules treat them as unknown values.
    pub holes: Vec<TextRange>,
    /// Values that cannot be analysed: (host range, why).
    pub not_analysed: Vec<(TextRange, String)>,
}

/// Ranges in a virtual document → ranges in the host file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceMap {
    /// (virtual range, host range) of every node and key, in the order written.
    nodes: Vec<(TextRange, TextRange)>,
    /// Every string's contents: (virtual range, map from its virtual bytes to the host,
    /// how the host writes it).
    strings: Vec<(TextRange, OffsetMap, Quote)>,
}

/// Which end of a range an offset is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum End {
    Start,
    End,
}

impl SourceMap {
    /// The host range of virtual range `r`: exact inside a string (down to the byte in
    /// an escaped or folded scalar), the node's host range for a whole node, and the
    /// innermost enclosing node's range otherwise.
    pub fn host_range(&self, r: TextRange) -> TextRange {
        if let Some((sr, m)) = self.string_at(r.start as usize) {
            if r.end <= sr.end && r.start >= sr.start {
                let (s, e) =
                    m.host_range((r.start - sr.start) as usize, (r.end - sr.start) as usize);
                return TextRange::new(s, e);
            }
        }
        let start = self.host_offset(r.start as usize, End::Start);
        let end = self.host_offset(r.end as usize, End::End);
        TextRange::new(start, end.max(start))
    }

    fn host_offset(&self, at: usize, end: End) -> usize {
        if let Some((sr, m)) = self.string_at(at) {
            if at > sr.start as usize && at < sr.end as usize {
                return m.host(at - sr.start as usize);
            }
        }
        // A node that starts or ends exactly here, else the innermost one around.
        let mut best: Option<(TextRange, TextRange)> = None;
        for &(v, h) in &self.nodes {
            let exact = match end {
                End::Start => v.start as usize == at,
                End::End => v.end as usize == at,
            };
            if exact {
                return match end {
                    End::Start => h.start as usize,
                    End::End => h.end as usize,
                };
            }
            if v.start as usize <= at
                && at <= v.end as usize
                && best.is_none_or(|(b, _)| v.len() <= b.len())
            {
                best = Some((v, h));
            }
        }
        match (best, end) {
            (Some((_, h)), End::Start) => h.start as usize,
            (Some((_, h)), End::End) => h.end as usize,
            (None, _) => 0,
        }
    }

    /// The string whose contents (quotes excluded) contain or touch `at`.
    fn string_at(&self, at: usize) -> Option<(TextRange, &OffsetMap)> {
        let i = self
            .strings
            .partition_point(|(r, _, _)| (r.start as usize) <= at);
        let (r, m, _) = self.strings.get(i.checked_sub(1)?)?;
        r.touches(at).then_some((*r, m))
    }

    /// The virtual offset of host offset `at`, if it is inside this document.
    pub fn virtual_offset(&self, at: usize) -> Option<usize> {
        // The string with the narrowest host span around `at`: a value the host
        // front end made up (a `Version` Terraform implies) spans its whole block.
        let mut around: Option<(usize, &TextRange, &OffsetMap)> = None;
        for (vr, m, _) in &self.strings {
            let (hs, he) = (m.start(), m.end());
            if hs <= at && at <= he && around.is_none_or(|(w, _, _)| he - hs < w) {
                around = Some((he - hs, vr, m));
            }
        }
        if let Some((_, vr, m)) = around {
            // The last virtual byte at or before the host offset.
            let mut best = 0;
            for d in 0..=m.len() {
                if m.host(d) <= at {
                    best = d;
                } else {
                    break;
                }
            }
            return Some(vr.start as usize + best);
        }
        let mut best: Option<(TextRange, TextRange)> = None;
        for &(v, h) in &self.nodes {
            if h.touches(at) && best.is_none_or(|(_, b)| h.len() <= b.len()) {
                best = Some((v, h));
            }
        }
        best.map(|(v, h)| {
            if at >= h.end as usize {
                v.end as usize
            } else {
                v.start as usize
            }
        })
    }

    /// The host range of the whole document.
    pub fn host_extent(&self) -> Option<TextRange> {
        // Nodes are recorded as they end: the root is the last.
        self.nodes.last().map(|n| n.1)
    }

    /// The string whose contents hold all of virtual range `r`: its contents' range,
    /// map and host quoting (for fixes that replace text inside one string).
    pub fn string_around(&self, r: TextRange) -> Option<(TextRange, &OffsetMap, Quote)> {
        let (sr, _) = self.string_at(r.start as usize)?;
        let (_, m, q) = self.strings.iter().find(|(x, _, _)| *x == sr)?;
        (r.end <= sr.end).then_some((sr, m, *q))
    }
}

/// How many versions of the document the choices in scalar places need (each branch
/// of each choice is in at least one), at most `MAX_VARIANTS`.
pub fn variants(root: &HNode) -> usize {
    fn walk(n: &HNode, in_array: bool, most: &mut usize) {
        match &n.value {
            HValue::Object(ms) => ms
                .iter()
                .filter_map(|m| m.value.as_ref())
                .for_each(|v| walk(v, false, most)),
            HValue::Array(items) => items.iter().for_each(|i| walk(i, true, most)),
            HValue::Choice(bs) => {
                if !in_array {
                    *most = (*most).max(bs.len());
                }
                bs.iter().for_each(|b| walk(b, in_array, most));
            }
            _ => {}
        }
    }
    let mut most = 1;
    walk(root, false, &mut most);
    most.min(MAX_VARIANTS)
}

pub const MAX_VARIANTS: usize = 4;

/// Renders version `variant` of the document (see [`variants`]). `line_of` gives the
/// host line of a host offset: the virtual document keeps each value on its host line,
/// so messages that name a line stay right.
pub fn render(root: &HNode, variant: usize, line_of: &dyn Fn(usize) -> usize) -> Virtual {
    let mut r = Renderer {
        out: Virtual::default(),
        variant,
        line: line_of(root.range.start as usize),
        line_of,
    };
    r.node(root);
    r.out.map.strings.sort_by_key(|(v, _, _)| v.start);
    r.out
}

struct Renderer<'a> {
    out: Virtual,
    variant: usize,
    line: usize,
    line_of: &'a dyn Fn(usize) -> usize,
}

impl Renderer<'_> {
    /// Breaks the line until the virtual line is the host line of `host`.
    fn align(&mut self, host: usize) {
        let want = (self.line_of)(host);
        while self.line < want {
            self.out.text.push('\n');
            self.line += 1;
        }
    }

    fn pick<'n>(&self, mut n: &'n HNode) -> &'n HNode {
        while let HValue::Choice(bs) = &n.value {
            match bs.get(self.variant % bs.len().max(1)) {
                Some(b) => n = b,
                None => break,
            }
        }
        n
    }

    fn node(&mut self, n: &HNode) {
        let n = self.pick(n);
        self.align(n.range.start as usize);
        let start = self.out.text.len();
        match &n.value {
            HValue::Object(ms) => {
                self.out.text.push('{');
                let mut first = true;
                for m in ms {
                    let Some(v) = m.value.as_ref().map(|v| self.pick(v)) else {
                        continue;
                    };
                    if v.value == HValue::Absent {
                        continue;
                    }
                    if !first {
                        self.out.text.push_str(", ");
                    }
                    first = false;
                    self.align(m.key_range.start as usize);
                    let ks = self.out.text.len();
                    self.string(&m.key, m.key_range);
                    let ke = self.out.text.len();
                    self.out
                        .map
                        .nodes
                        .push((TextRange::new(ks, ke), m.key_range));
                    self.out.text.push_str(": ");
                    self.node(v);
                }
                self.out.text.push('}');
            }
            HValue::Array(items) => {
                self.out.text.push('[');
                let mut first = true;
                let mut flat = Vec::new();
                for i in items {
                    flatten(i, &mut flat);
                }
                for i in flat {
                    if !first {
                        self.out.text.push_str(", ");
                    }
                    first = false;
                    self.node(i);
                }
                self.out.text.push(']');
            }
            HValue::Str(s) => self.string(s, n.range),
            HValue::Number(t) => self.out.text.push_str(t),
            HValue::Bool(b) => self.out.text.push_str(if *b { "true" } else { "false" }),
            HValue::Null | HValue::Absent => self.out.text.push_str("null"),
            HValue::Choice(_) => self.out.text.push_str("null"),
            HValue::Opaque(why) => {
                self.out.not_analysed.push((n.range, why.clone()));
                self.hole_string("not analysed", n.range);
            }
            HValue::Error => self.hole_string("?", n.range),
        }
        let end = self.out.text.len();
        self.out
            .map
            .nodes
            .push((TextRange::new(start, end), n.range));
    }

    /// A string standing for a value only known later: `"${name}"`.
    fn hole_string(&mut self, name: &str, host: TextRange) {
        self.out.text.push('"');
        let start = self.out.text.len();
        self.out.text.push_str("${");
        self.out.text.push_str(name);
        self.out.text.push('}');
        let end = self.out.text.len();
        self.out.holes.push(TextRange::new(start, end));
        let mut b = OffsetMapBuilder::new(host.start as usize);
        b.decoded(end - start, host.len());
        self.out
            .map
            .strings
            .push((TextRange::new(start, end), b.finish(), Quote::Block));
        self.out.text.push('"');
    }

    /// Writes `s` as a JSON string; `host` is the scalar's host range (quotes included).
    fn string(&mut self, s: &HStr, host: TextRange) {
        self.out.text.push('"');
        let start = self.out.text.len();
        let first_host = s.pieces.first().map_or(host.start as usize, |p| match p {
            Piece::Text { map, .. } => map.host(0),
            Piece::Hole(h) => h.range.start as usize,
        });
        let mut b = OffsetMapBuilder::new(first_host);
        for (i, p) in s.pieces.iter().enumerate() {
            match p {
                Piece::Text { text, map } => {
                    for (i, c) in text.char_indices() {
                        let h0 = map.host(i);
                        let h1 = map.host(i + c.len_utf8());
                        let before = self.out.text.len();
                        escape_char(c, &mut self.out.text);
                        b.jump_to(h0);
                        b.decoded(self.out.text.len() - before, h1.saturating_sub(h0));
                    }
                }
                Piece::Hole(h) => {
                    let hs = self.out.text.len();
                    let name = format!("${{{}}}", sanitize(&h.name));
                    // A string that starts with a resource's ARN: the ARN's shape.
                    let shape = match &h.kind {
                        HoleKind::Arn(ty) if i == 0 => super::arns::shape(ty),
                        _ => None,
                    };
                    match shape {
                        Some(shape) => self.out.text.push_str(&shape.replacen("{}", &name, 1)),
                        None => self.out.text.push_str(&name),
                    }
                    let he = self.out.text.len();
                    self.out.holes.push(TextRange::new(hs, he));
                    b.jump_to(h.range.start as usize);
                    b.decoded(he - hs, h.range.len());
                }
            }
        }
        let end = self.out.text.len();
        self.out
            .map
            .strings
            .push((TextRange::new(start, end), b.finish(), s.quote));
        self.out.text.push('"');
    }
}

/// A list item: a choice gives each of its branches, nothing gives no item.
fn flatten<'n>(n: &'n HNode, out: &mut Vec<&'n HNode>) {
    match &n.value {
        HValue::Choice(bs) => bs.iter().for_each(|b| flatten(b, out)),
        HValue::Absent => {}
        _ => out.push(n),
    }
}

fn escape_char(c: char, out: &mut String) {
    match c {
        '"' => out.push_str("\\\""),
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hosts::{HMember, Hole, HoleKind, Quote};

    fn lit(text: &str, at: usize) -> HStr {
        HStr::literal(
            text.to_string(),
            OffsetMap::verbatim(at, text.len()),
            Quote::Plain,
        )
    }

    #[test]
    fn strings_map_back_byte_for_byte_and_holes_to_their_intrinsic() {
        // Host: `Action: s3:GetObjet\nResource: !Sub arn:${AWS::Partition}:s3:::b/*`
        let host = "Action: s3:GetObjet\nResource: !Sub arn:${AWS::Partition}:s3:::b/*";
        let a = host.find("s3:").expect("a");
        let sub = host.find("!Sub").expect("sub");
        let arn = host.find("arn:").expect("arn");
        let p = host.find("${").expect("p");
        let after = p + "${AWS::Partition}".len();
        let res = HStr {
            pieces: vec![
                Piece::Text {
                    text: "arn:".into(),
                    map: OffsetMap::verbatim(arn, 4),
                },
                Piece::Hole(Hole {
                    range: TextRange::new(p, after),
                    name: "AWS::Partition".into(),
                    kind: HoleKind::Partition,
                }),
                Piece::Text {
                    text: host[after..].into(),
                    map: OffsetMap::verbatim(after, host.len() - after),
                },
            ],
            quote: Quote::Plain,
        };
        let root = HNode::new(
            TextRange::new(0, host.len()),
            HValue::Object(vec![
                HMember {
                    key: lit("Action", 0),
                    key_range: TextRange::new(0, 6),
                    value: Some(HNode::new(
                        TextRange::new(a, a + 11),
                        HValue::Str(lit("s3:GetObjet", a)),
                    )),
                },
                HMember {
                    key: lit("Resource", 20),
                    key_range: TextRange::new(20, 28),
                    value: Some(HNode::new(
                        TextRange::new(sub, host.len()),
                        HValue::Str(res),
                    )),
                },
            ]),
        );
        let line_of = |o: usize| host[..o].matches('\n').count();
        let v = render(&root, 0, &line_of);
        assert_eq!(
            v.text,
            "{\"Action\": \"s3:GetObjet\", \n\"Resource\": \"arn:${AWS.Partition}:s3:::b/*\"}"
        );
        let at = |needle: &str| {
            let s = v.text.find(needle).expect("needle");
            TextRange::new(s, s + needle.len())
        };
        let host_of = |r: TextRange| &host[v.map.host_range(r).as_range()];
        assert_eq!(host_of(at("GetObjet")), "GetObjet");
        assert_eq!(host_of(at("\"s3:GetObjet\"")), "s3:GetObjet");
        assert_eq!(host_of(at("${AWS.Partition}")), "${AWS::Partition}");
        assert_eq!(host_of(at(":s3:::b/*")), ":s3:::b/*");
        assert_eq!(host_of(at("\"Resource\"")), "Resource");
        assert_eq!(
            host_of(at("\"arn:${AWS.Partition}:s3:::b/*\"")),
            &host[sub..]
        );
        assert_eq!(v.holes, vec![at("${AWS.Partition}")]);
        // Back from the host: the cursor in "GetObjet".
        let vo = v.map.virtual_offset(a + 6).expect("inside");
        assert_eq!(&v.text[vo..vo + 5], "Objet");
    }

    #[test]
    fn a_choice_in_a_list_gives_both_items_and_elsewhere_one_per_variant() {
        let s = |t: &str, at: usize| {
            HNode::new(TextRange::new(at, at + t.len()), HValue::Str(lit(t, at)))
        };
        let choice =
            |a: HNode, b: HNode| HNode::new(a.range.cover(b.range), HValue::Choice(vec![a, b]));
        let root = HNode::new(
            TextRange::new(0, 40),
            HValue::Object(vec![
                HMember {
                    key: lit("A", 0),
                    key_range: TextRange::new(0, 1),
                    value: Some(HNode::new(
                        TextRange::new(2, 20),
                        HValue::Array(vec![choice(
                            s("x", 3),
                            HNode::new(TextRange::new(5, 6), HValue::Absent),
                        )]),
                    )),
                },
                HMember {
                    key: lit("B", 21),
                    key_range: TextRange::new(21, 22),
                    value: Some(choice(s("y", 23), s("z", 25))),
                },
            ]),
        );
        assert_eq!(variants(&root), 2);
        let line_of = |_: usize| 0;
        assert_eq!(render(&root, 0, &line_of).text, r#"{"A": ["x"], "B": "y"}"#);
        assert_eq!(render(&root, 1, &line_of).text, r#"{"A": ["x"], "B": "z"}"#);
    }
}
