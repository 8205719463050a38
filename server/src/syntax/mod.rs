//! Error-tolerant JSON parser that keeps byte spans.
//!
//! `parse` never fails and never panics: it returns the tree of what it could read
//! together with every syntax error it found. Recursion is bounded by `MAX_DEPTH`;
//! deeper input is skipped iteratively with one error.

mod lexer;
mod line_index;
mod parser;
pub mod print;

pub use line_index::{Encoding, LineCol, LineIndex};
pub use parser::{parse, MAX_DEPTH};

/// A half-open byte range `start..end` into the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    pub fn new(start: usize, end: usize) -> TextRange {
        TextRange {
            start: clamp_u32(start),
            end: clamp_u32(end.max(start)),
        }
    }
    pub fn empty(at: usize) -> TextRange {
        TextRange::new(at, at)
    }
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
    pub fn contains(self, offset: usize) -> bool {
        (self.start as usize) <= offset && offset < self.end as usize
    }
    /// Like `contains`, but also true at the end offset (cursor right after a token).
    pub fn touches(self, offset: usize) -> bool {
        (self.start as usize) <= offset && offset <= self.end as usize
    }
    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
    pub fn as_range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One JSON value with its span (for strings the span includes the quotes).
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub range: TextRange,
    pub value: Value,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Object(Object),
    Array(Array),
    String(Str),
    /// The raw number text (kept verbatim so formatting and messages stay faithful).
    Number(String),
    Bool(bool),
    Null,
    /// Something that is not a value (a stray token, a missing value).
    Error,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Object {
    pub members: Vec<Member>,
    /// False when the closing `}` is missing.
    pub closed: bool,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Array {
    pub items: Vec<Node>,
    pub closed: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Str {
    /// The decoded text.
    pub text: String,
    /// False when the closing quote is missing.
    pub closed: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub key: Key,
    /// `None` when the value is missing (`"Effect":` followed by `}`).
    pub value: Option<Node>,
    /// The range of the colon, if present.
    pub colon: Option<TextRange>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    pub text: String,
    /// Span including the quotes.
    pub range: TextRange,
    pub closed: bool,
}

impl Member {
    /// From the key's start to the value's end (or the colon/key end when absent).
    pub fn range(&self) -> TextRange {
        let mut res = self.key.range;
        if let Some(c) = self.colon {
            res = res.cover(c);
        }
        if let Some(v) = &self.value {
            res = res.cover(v.range);
        }
        res
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub range: TextRange,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Parse {
    /// `None` only for input with no value at all (empty or whitespace).
    pub root: Option<Node>,
    pub errors: Vec<SyntaxError>,
    /// Pairs of (first, duplicate) key ranges within one object, in source order.
    pub duplicate_keys: Vec<(TextRange, TextRange)>,
    /// Length of a leading byte-order mark (0 or 3).
    pub bom_len: usize,
}

impl Node {
    pub fn as_object(&self) -> Option<&Object> {
        match &self.value {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }
    pub fn as_array(&self) -> Option<&Array> {
        match &self.value {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(&s.text),
            _ => None,
        }
    }
    /// The span of a string's contents without its quotes; the node's span otherwise.
    pub fn inner_range(&self) -> TextRange {
        match &self.value {
            Value::String(s) => {
                let start = self.range.start + 1;
                let end = if s.closed {
                    self.range.end.saturating_sub(1)
                } else {
                    self.range.end
                };
                TextRange {
                    start: start.min(end.max(start)),
                    end: end.max(start),
                }
            }
            _ => self.range,
        }
    }
    /// A short name of the JSON type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Object(_) => "an object",
            Value::Array(_) => "an array",
            Value::String(_) => "a string",
            Value::Number(_) => "a number",
            Value::Bool(_) => "a boolean",
            Value::Null => "null",
            Value::Error => "an invalid value",
        }
    }
    /// Finds the member named `name` (exact match; the last one when duplicated, like IAM's parser).
    pub fn get(&self, name: &str) -> Option<&Member> {
        self.as_object()?
            .members
            .iter()
            .rev()
            .find(|m| m.key.text == name)
    }
    /// The deepest node whose range touches `offset`, with the path of nodes from the root.
    pub fn path_at(&self, offset: usize) -> Vec<PathStep<'_>> {
        let mut acc = Vec::new();
        let mut cur = self;
        loop {
            let mut next = None;
            match &cur.value {
                Value::Object(o) => {
                    for m in &o.members {
                        if m.key.range.touches(offset)
                            && !(m.key.closed
                                && m.key.range.end as usize == offset
                                && m.colon.is_some())
                        {
                            acc.push(PathStep::Key(m));
                            return acc;
                        }
                        if let Some(v) = &m.value {
                            if v.range.touches(offset) && offset > m.key.range.start as usize {
                                acc.push(PathStep::Member(m));
                                next = Some(v);
                                break;
                            }
                        }
                    }
                }
                Value::Array(a) => {
                    for (i, it) in a.items.iter().enumerate() {
                        if it.range.touches(offset) {
                            acc.push(PathStep::Index(i));
                            next = Some(it);
                            break;
                        }
                    }
                }
                _ => {}
            }
            match next {
                Some(n) => cur = n,
                None => return acc,
            }
        }
    }
}

/// One step in the path from the root to a cursor position.
#[derive(Clone, Copy, Debug)]
pub enum PathStep<'a> {
    /// The cursor is inside a member's value; the member is given.
    Member(&'a Member),
    /// The cursor is on a key.
    Key(&'a Member),
    /// The cursor is inside an array element.
    Index(usize),
}

/// Turns a parsed tree into a `serde_json::Value` (duplicate keys: the last wins).
pub fn to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    // Iterative would be nicer, but depth is bounded by MAX_DEPTH.
    match &node.value {
        Value::Object(o) => {
            let mut map = serde_json::Map::new();
            for m in &o.members {
                let v = m.value.as_ref().map_or(J::Null, to_json);
                map.insert(m.key.text.clone(), v);
            }
            J::Object(map)
        }
        Value::Array(a) => J::Array(a.items.iter().map(to_json).collect()),
        Value::String(s) => J::String(s.text.clone()),
        Value::Number(n) => n
            .parse::<serde_json::Number>()
            .map(J::Number)
            .unwrap_or_else(|_| J::String(n.clone())),
        Value::Bool(b) => J::Bool(*b),
        Value::Null | Value::Error => J::Null,
    }
}

/// [`to_json`] that moves the tree's strings into the value instead of copying them;
/// [`restore_json`] with the value puts them back. For the schema check of every
/// document: copying each string (and freeing the copy) was most of that check's time.
/// Until the strings are back, the tree's strings are empty. Object keys are copied.
pub fn take_json(node: &mut Node) -> serde_json::Value {
    use serde_json::Value as J;
    match &mut node.value {
        Value::Object(o) => {
            let mut map = serde_json::Map::new();
            for j in 0..o.members.len() {
                let (before, rest) = o.members.split_at_mut(j);
                let Some(m) = rest.first_mut() else { break };
                let v = m.value.as_mut().map_or(J::Null, take_json);
                if let Some(old) = map.insert(m.key.text.clone(), v) {
                    // A duplicate key: the last one wins, as in `to_json`. The earlier
                    // member's strings go back to it now, since the map no longer holds
                    // them for `restore_json`.
                    if let Some(prev) = before
                        .iter_mut()
                        .rev()
                        .find(|p| p.key.text == m.key.text)
                        .and_then(|p| p.value.as_mut())
                    {
                        restore_json(prev, old);
                    }
                }
            }
            J::Object(map)
        }
        Value::Array(a) => J::Array(a.items.iter_mut().map(take_json).collect()),
        Value::String(s) => J::String(std::mem::take(&mut s.text)),
        _ => to_json(node),
    }
}

/// Gives the strings [`take_json`] took from `node` back to it (`value` is what
/// `take_json(node)` returned).
pub fn restore_json(node: &mut Node, value: serde_json::Value) {
    use serde_json::Value as J;
    match (&mut node.value, value) {
        (Value::Object(o), J::Object(mut map)) => {
            // Of members with the same key the map holds the last one's value; the
            // earlier ones got theirs back in `take_json`.
            for m in o.members.iter_mut().rev() {
                if let (Some(n), Some(v)) = (m.value.as_mut(), map.remove(&m.key.text)) {
                    restore_json(n, v);
                }
            }
        }
        (Value::Array(a), J::Array(vs)) => {
            for (n, v) in a.items.iter_mut().zip(vs) {
                restore_json(n, v);
            }
        }
        (Value::String(s), J::String(t)) => s.text = t,
        _ => {}
    }
}

#[cfg(test)]
mod tests;
