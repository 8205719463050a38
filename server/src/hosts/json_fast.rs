//! A fast reader for CloudFormation JSON templates that are valid JSON: straight into
//! the [`HNode`] tree in one pass, the tree [`super::from_json`] builds from our tolerant
//! parser's syntax tree (same values, same byte ranges), without building that syntax
//! tree first and without decoding each string twice. Anything it does not read the same
//! way for sure is declined (`None`): comments, control characters in strings, escapes
//! or numbers JSON does not allow, nesting near the parser's depth bound, any syntax
//! error. Declined texts go through the tolerant parser, which reports the errors.
//! `tests/json_fast.rs` compares both readings on the corpora; the fuzz target
//! `json_reader` on arbitrary text.

use super::json::text_piece;
use super::map::json_string_map;
use super::read_ahead::ReadAhead;
use super::{HMember, HNode, HStr, HValue, Quote};
use crate::syntax::{TextRange, MAX_DEPTH};

/// How the fast reader did on `text`, against the tolerant parser and
/// [`super::from_json`] (for `tests/json_fast.rs` and the fuzz target; its reading of
/// the resources on all cores first is checked whatever the size): `Ok(true)` when
/// it read the text to the same tree, `Ok(false)` when it declined, `Err` with where
/// the trees part.
#[doc(hidden)]
pub fn compare_fast_read(text: &str) -> Result<bool, String> {
    let Some(fast) = read(text, ReadAhead::none()) else {
        return Ok(false);
    };
    // The parallel reading, whatever the size.
    if read(text, prebuilt(text)).as_ref() != Some(&fast) {
        return Err("reading the resources on all cores first gives another tree".to_string());
    }
    let slow = crate::syntax::parse(text);
    if !slow.errors.is_empty() {
        return Err(format!(
            "the fast reader read a text with errors: {:?}",
            slow.errors
        ));
    }
    let slow = slow.root.map(|r| super::from_json(&r, text));
    super::same_tree(fast, ("parser", slow))
}

struct Decline;

type R<T> = Result<T, Decline>;

/// The depth at which the reader reads each resource: the root is read at 0, its
/// members at 1, the members of `Resources` at 2.
const RESOURCE_DEPTH: usize = 2;

/// The template's tree, or `None` when the text is declined (see the module doc). A big
/// template's resources are read ahead on all cores ([`ReadAhead`]).
pub(super) fn parse(text: &str) -> Option<HNode> {
    let pre = ReadAhead::when_big(text, prebuilt);
    read(text, pre)
}

/// Reads `text`, taking the values read ahead instead of reading them again.
fn read(text: &str, pre: Prebuilt) -> Option<HNode> {
    let mut r = Reader::at(text, 0, pre);
    r.space();
    let root = r.value(0).ok()?;
    r.space();
    (r.pos == r.b.len()).then_some(root)
}

/// Resource values read ahead, by offset: the value and the offset after it (`None`
/// when declined there).
type Prebuilt = ReadAhead<Option<(HNode, usize)>>;

fn prebuilt(text: &str) -> Prebuilt {
    ReadAhead::read(&resource_starts(text.as_bytes()), |start| {
        let mut r = Reader::at(text, start, ReadAhead::none());
        let v = r.value(RESOURCE_DEPTH).ok().map(|v| (v, r.pos));
        Some((start, v))
    })
}

/// Where the values of the top-level `Resources` object's members start, found by a
/// quick scan that skips strings and counts brackets, building nothing.
fn resource_starts(b: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let (mut depth, mut i) = (0usize, 0usize);
    let mut last_string = 0..0;
    // The key just read at depth 1 is `Resources`; the object at depth 2 is its value.
    let (mut resources_key, mut in_resources) = (false, false);
    while let Some(&c) = b.get(i) {
        match c {
            b'"' => {
                let start = i + 1;
                let mut j = start;
                loop {
                    match b
                        .get(j..)
                        .and_then(|rest| memchr::memchr2(b'"', b'\\', rest))
                    {
                        Some(k) if b.get(j + k) == Some(&b'\\') => j += k + 2,
                        Some(k) => {
                            j += k;
                            break;
                        }
                        None => return out,
                    }
                }
                last_string = start..j;
                i = j;
            }
            b':' if depth == 1 => {
                resources_key = b.get(last_string.clone()) == Some(b"Resources".as_slice());
            }
            b':' if depth == 2 && in_resources => {
                let mut j = i + 1;
                while let Some(b' ' | b'\t' | b'\n' | b'\r') = b.get(j) {
                    j += 1;
                }
                out.push(j);
            }
            b'{' | b'[' => {
                depth += 1;
                if depth == 2 {
                    in_resources = c == b'{' && resources_key;
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    out
}

struct Reader<'a> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
    /// Resource values read ahead.
    pre: Prebuilt,
}

impl Reader<'_> {
    fn at(text: &str, pos: usize, pre: Prebuilt) -> Reader<'_> {
        Reader {
            s: text,
            b: text.as_bytes(),
            pos,
            pre,
        }
    }

    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.b.get(self.pos) {
            self.pos += 1;
        }
    }

    fn value(&mut self, depth: usize) -> R<HNode> {
        if depth == RESOURCE_DEPTH && !self.pre.is_empty() {
            if let Some((v, end)) = self.pre.take(self.pos).flatten() {
                self.pos = end;
                return Ok(v);
            }
        }
        let start = self.pos;
        let value = match self.b.get(start).ok_or(Decline)? {
            b'{' => return self.object(depth),
            b'[' => return self.array(depth),
            b'"' => {
                let (inner, end) = self.string()?;
                self.pos = end;
                HValue::Str(self.str_at(inner))
            }
            b't' => self.word("true", HValue::Bool(true))?,
            b'f' => self.word("false", HValue::Bool(false))?,
            b'n' => self.word("null", HValue::Null)?,
            _ => {
                let end = self.number_end(start).ok_or(Decline)?;
                self.pos = end;
                HValue::Number(self.s[start..end].to_string())
            }
        };
        Ok(HNode::new(TextRange::new(start, self.pos), value))
    }

    fn word(&mut self, w: &str, v: HValue) -> R<HValue> {
        if !self.s[self.pos..].starts_with(w) {
            return Err(Decline);
        }
        self.pos += w.len();
        // `truex` is one bad word to the lexer, not `true` then garbage.
        if self.b.get(self.pos).is_some_and(u8::is_ascii_alphanumeric) {
            return Err(Decline);
        }
        Ok(v)
    }

    /// The end of a number as JSON writes them, starting at `i`.
    fn number_end(&self, mut i: usize) -> Option<usize> {
        let digits = |mut i: usize| {
            let from = i;
            while self.b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            (i > from).then_some(i)
        };
        if self.b.get(i) == Some(&b'-') {
            i += 1;
        }
        i = match self.b.get(i)? {
            b'0' => i + 1,
            b'1'..=b'9' => digits(i)?,
            _ => return None,
        };
        if self.b.get(i) == Some(&b'.') {
            i = digits(i + 1)?;
        }
        if let Some(b'e' | b'E') = self.b.get(i) {
            i += 1;
            if let Some(b'+' | b'-') = self.b.get(i) {
                i += 1;
            }
            i = digits(i)?;
        }
        // A number running into letters is one bad token to the lexer.
        match self.b.get(i) {
            Some(c) if c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-' | b'+') => None,
            _ => Some(i),
        }
    }

    /// A string at `self.pos`: (its contents' range, the offset after its closing quote).
    fn string(&self) -> R<(TextRange, usize)> {
        let start = self.pos + 1;
        let mut i = start;
        loop {
            match *self.b.get(i).ok_or(Decline)? {
                b'"' => return Ok((TextRange::new(start, i), i + 1)),
                b'\\' => {
                    i += match *self.b.get(i + 1).ok_or(Decline)? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => 2,
                        b'u' => match self.code_unit(i)? {
                            // A surrogate pair takes two escapes; a lone one is an error.
                            0xd800..=0xdbff if self.b.get(i + 6) == Some(&b'\\') => {
                                match self.code_unit(i + 6)? {
                                    0xdc00..=0xdfff => 12,
                                    _ => return Err(Decline),
                                }
                            }
                            0xd800..=0xdfff => return Err(Decline),
                            _ => 6,
                        },
                        _ => return Err(Decline),
                    }
                }
                c if c < 0x20 => return Err(Decline),
                _ => i += 1,
            }
        }
    }

    /// The code unit of the `\uXXXX` escape at `i`.
    fn code_unit(&self, i: usize) -> R<u32> {
        let hex = self.s.get(i + 2..i + 6).ok_or(Decline)?;
        if self.b.get(i + 1) != Some(&b'u') || !hex.bytes().all(|d| d.is_ascii_hexdigit()) {
            return Err(Decline);
        }
        u32::from_str_radix(hex, 16).map_err(|_| Decline)
    }

    fn str_at(&self, inner: TextRange) -> HStr {
        let raw = &self.s[inner.as_range()];
        HStr {
            pieces: vec![text_piece(raw, json_string_map(raw, inner.start as usize))],
            quote: Quote::Json,
        }
    }

    fn object(&mut self, depth: usize) -> R<HNode> {
        if depth + 2 >= MAX_DEPTH {
            return Err(Decline);
        }
        let start = self.pos;
        self.pos += 1;
        self.space();
        let mut members = Vec::new();
        if self.b.get(self.pos) != Some(&b'}') {
            loop {
                if self.b.get(self.pos) != Some(&b'"') {
                    return Err(Decline);
                }
                let key_start = self.pos;
                let (inner, end) = self.string()?;
                self.pos = end;
                let key_range = TextRange::new(key_start, end);
                self.space();
                if self.b.get(self.pos) != Some(&b':') {
                    return Err(Decline);
                }
                self.pos += 1;
                self.space();
                let value = self.value(depth + 1)?;
                members.push(HMember {
                    key: self.str_at(inner),
                    key_range,
                    value: Some(value),
                });
                self.space();
                match self.b.get(self.pos) {
                    Some(b',') => {
                        self.pos += 1;
                        self.space();
                    }
                    Some(b'}') => break,
                    _ => return Err(Decline),
                }
            }
        }
        self.pos += 1;
        Ok(HNode::new(
            TextRange::new(start, self.pos),
            HValue::Object(members),
        ))
    }

    fn array(&mut self, depth: usize) -> R<HNode> {
        if depth + 2 >= MAX_DEPTH {
            return Err(Decline);
        }
        let start = self.pos;
        self.pos += 1;
        self.space();
        let mut items = Vec::new();
        if self.b.get(self.pos) != Some(&b']') {
            loop {
                items.push(self.value(depth + 1)?);
                self.space();
                match self.b.get(self.pos) {
                    Some(b',') => {
                        self.pos += 1;
                        self.space();
                    }
                    Some(b']') => break,
                    _ => return Err(Decline),
                }
            }
        }
        self.pos += 1;
        Ok(HNode::new(
            TextRange::new(start, self.pos),
            HValue::Array(items),
        ))
    }
}
