//! Flow collections (`[a, b]`, `{k: v}`) and the scalars inside them, for the fast
//! YAML reader.

use super::{no, plain_may_start, Parser, R};
use crate::hosts::map::OffsetMap;
use crate::hosts::yaml::{plain, tagged};
use crate::hosts::{HMember, HNode, HStr, HValue, Quote};
use crate::syntax::TextRange;

impl Parser<'_> {
    /// A flow collection (or a scalar inside one) at `self.pos`; its lines after the first
    /// must be indented beyond `col`.
    pub(super) fn flow_node(&mut self, col: usize) -> R<HNode> {
        match self.at(self.pos) {
            b'[' => self.flow_sequence(col),
            b'{' => self.flow_mapping(col),
            b'\'' | b'"' => self.quoted_scalar(),
            b'!' => {
                let (tag, tag_range) = self.tag()?;
                self.skip_flow_space(col)?;
                if self.at(self.pos) == b'!' {
                    return Err(no()); // two tags on one node
                }
                let inner = self.flow_node(col)?;
                let range = TextRange::new(tag_range.start as usize, inner.range.end as usize);
                Ok(tagged(tag, tag_range, inner, range))
            }
            _ => self.flow_plain(),
        }
    }

    /// Spaces, line breaks and comments inside a flow collection.
    fn skip_flow_space(&mut self, col: usize) -> R<()> {
        loop {
            match self.at(self.pos) {
                _ if self.eof(self.pos) => return Err(no()),
                b' ' => self.pos += 1,
                b'\n' => {
                    self.pos += 1;
                    let ind = self.b[self.pos..]
                        .iter()
                        .take_while(|c| **c == b' ')
                        .count();
                    let next = self.at(self.pos + ind);
                    if ind <= col && next != b'\n' {
                        return Err(no());
                    }
                }
                b'#' if self.b[self.pos - 1] == b' ' || self.b[self.pos - 1] == b'\n' => {
                    self.pos = self.s[self.pos..]
                        .find('\n')
                        .map_or(self.b.len(), |n| self.pos + n);
                }
                _ => return Ok(()),
            }
        }
    }

    fn flow_sequence(&mut self, col: usize) -> R<HNode> {
        self.enter(0)?;
        let start = self.pos;
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_flow_space(col)?;
        if self.at(self.pos) != b']' {
            loop {
                items.push(self.flow_node(col)?);
                self.skip_flow_space(col)?;
                match self.at(self.pos) {
                    b',' => {
                        self.pos += 1;
                        self.skip_flow_space(col)?;
                        if self.at(self.pos) == b']' {
                            return Err(no());
                        }
                    }
                    b']' => break,
                    _ => return Err(no()),
                }
            }
        }
        self.pos += 1;
        self.depth -= 1;
        Ok(HNode::new(
            TextRange::new(start, self.pos),
            HValue::Array(items),
        ))
    }

    fn flow_mapping(&mut self, col: usize) -> R<HNode> {
        self.enter(0)?;
        let start = self.pos;
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_flow_space(col)?;
        if self.at(self.pos) != b'}' {
            loop {
                let k = match self.at(self.pos) {
                    b'\'' | b'"' => self.quoted_scalar()?,
                    _ => self.flow_plain()?,
                };
                if self.at(self.pos) != b':' || !matches!(self.at(self.pos + 1), b' ' | b'\n') {
                    return Err(no());
                }
                self.pos += 1;
                self.skip_flow_space(col)?;
                if matches!(self.at(self.pos), b',' | b'}') {
                    return Err(no());
                }
                let v = self.flow_node(col)?;
                let key = match k.value {
                    HValue::Str(s) => s,
                    _ => {
                        let (a, b) = (k.range.start as usize, k.range.end as usize);
                        HStr::literal(
                            self.s[a..b].to_string(),
                            OffsetMap::verbatim(a, b - a),
                            Quote::Plain,
                        )
                    }
                };
                members.push(HMember {
                    key,
                    key_range: k.range,
                    value: Some(v),
                });
                self.skip_flow_space(col)?;
                match self.at(self.pos) {
                    b',' => {
                        self.pos += 1;
                        self.skip_flow_space(col)?;
                        if self.at(self.pos) == b'}' {
                            return Err(no());
                        }
                    }
                    b'}' => break,
                    _ => return Err(no()),
                }
            }
        }
        self.pos += 1;
        self.depth -= 1;
        Ok(HNode::new(
            TextRange::new(start, self.pos),
            HValue::Object(members),
        ))
    }

    /// A plain scalar inside a flow collection, on one line: it ends before `,`, `[`,
    /// `]`, `{`, `}`, a `:` followed by a space, or a ` #` comment.
    fn flow_plain(&mut self) -> R<HNode> {
        let start = self.pos;
        if !plain_may_start(self.b, start, true) {
            return Err(no());
        }
        let mut i = start;
        while !self.eof(i) {
            match self.b[i] {
                b',' | b'[' | b']' | b'{' | b'}' | b'\n' => break,
                b':' if matches!(self.at(i + 1), b' ' | b'\n' | b',' | b']' | b'}') => break,
                b'#' if self.b[i - 1] == b' ' => break,
                _ => i += 1,
            }
        }
        let raw = self.s[start..i].trim_end_matches(' ');
        if raw.is_empty() {
            return Err(no());
        }
        if self.at(i) == b'\n' {
            // It ends at its line's end only if the collection goes on after it (else
            // the scalar goes on to the next line: declined).
            let rest = self.s[i..].trim_start_matches([' ', '\n']);
            if !rest.starts_with([',', ']', '}', '#']) {
                return Err(no());
            }
        }
        self.pos = start + raw.len();
        Ok(plain(raw, start))
    }
}
