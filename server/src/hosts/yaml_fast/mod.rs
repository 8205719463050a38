//! A fast reader for the block-style YAML that CloudFormation templates are written
//! in: block mappings and sequences, plain (also folded over lines), quoted and block
//! scalars, short tags, flow collections, comments, a leading `---`. It builds the same
//! [`HNode`] tree as the tree-sitter reader (`yaml::parse_whole`), same values and same
//! byte ranges, in one pass without a parse tree (the managed policies as one 4.5 MB
//! template: `check` 0.71 → 0.32 s, peak RSS 221 → 91 MB). It declines (`None`)
//! whatever it does not read the same way for sure: anchors and aliases, tabs, CRLF
//! line ends, multi-line quoted scalars, complex keys, several documents, any syntax
//! error. Declined texts are read by tree-sitter, which also reports the errors.
//! `tests/yaml_fast.rs` compares both readers' trees on every template of the corpora
//! and on small texts for the places where tree-sitter's grammar ends nodes; the fuzz
//! target `yaml_reader` on arbitrary text.

mod flow;

use super::read_ahead::ReadAhead;
use super::yaml::{block, plain, quoted, tagged};
use super::{HMember, HNode, HStr, HValue, Quote};
use crate::hosts::map::OffsetMap;
use crate::syntax::TextRange;

/// The text uses something this reader leaves to tree-sitter (the source line that
/// declined, for the corpus test's tally).
struct Decline(u32);

#[track_caller]
fn no() -> Decline {
    Decline(std::panic::Location::caller().line())
}

type R<T> = Result<T, Decline>;

/// Deeper block or flow nesting is declined (the tree-sitter reader stops at its own
/// depth limit, and its scanner at column 200).
const MAX_NESTING: usize = 40;
const MAX_INDENT: usize = 150;

/// The first document's value, or `None` when the text is declined (see the module doc).
pub(super) fn parse(text: &str) -> Option<HNode> {
    read(text).ok()
}

/// Which source line of this reader declined `text` (`None` when it reads it): the
/// corpus test prints a tally, to show what is worth reading next.
#[doc(hidden)]
pub fn declined_at(text: &str) -> Option<u32> {
    read(text).err().map(|d| d.0)
}

/// For the tests: whether reading the resources on all cores first (whatever the
/// text's size) gives the tree of reading it in one pass.
pub(crate) fn parallel_read_is_the_same(text: &str) -> bool {
    read_with(text, prebuilt(text)).ok() == read_with(text, ReadAhead::none()).ok()
}

fn read(text: &str) -> R<HNode> {
    if !only_plain_characters(text) {
        return Err(no());
    }
    let pre = ReadAhead::when_big(text, prebuilt);
    read_with(text, pre)
}

fn read_with(text: &str, pre: Prebuilt) -> R<HNode> {
    Parser::starting(text, 0, 0, pre).document()
}

/// The nesting inside the mapping of `Resources` (the root mapping is 1).
const RESOURCE_DEPTH: usize = 2;

/// Resource values read ahead ([`ReadAhead`]), by the offset after the key's `:`: the
/// key's column, and the value with the offset after it (`None` when declined there).
type Prebuilt = ReadAhead<(usize, Option<(Option<HNode>, usize)>)>;

fn prebuilt(text: &str) -> Prebuilt {
    ReadAhead::read(&resource_keys(text), |key| {
        let mut p = Parser::starting(text, key, RESOURCE_DEPTH, ReadAhead::none());
        let (_, colon) = p.key_end(key)?;
        let col = p.column(key);
        p.pos = colon + 1;
        let v = p.value_after_indicator(col, Ctx::MapValue).ok();
        Some((colon + 1, (col, v.map(|v| (v, p.pos)))))
    })
}

/// The keys of the top-level `Resources:` mapping: the lines after
/// it indented as its first entry, up to the next line indented less. A quick look at
/// lines, building nothing.
fn resource_keys(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut col = None;
    let mut in_resources = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let ind = line.bytes().take_while(|b| *b == b' ').count();
        let rest = &line[ind..];
        if rest.starts_with(['\n', '#']) || rest.is_empty() {
            continue;
        }
        if ind == 0 {
            if in_resources {
                break;
            }
            in_resources = rest.trim_end() == "Resources:";
            continue;
        }
        if !in_resources {
            continue;
        }
        let col = *col.get_or_insert(ind);
        if ind < col {
            break;
        }
        if ind == col && !rest.starts_with('-') {
            out.push(start + ind);
        }
    }
    out
}

/// Whether every character is one the grammar reads as content (its `ns-char`), a space
/// or a line feed: no tabs, carriage returns or other control characters, no byte-order
/// mark, none of the characters the grammar refuses outside quotes.
fn only_plain_characters(text: &str) -> bool {
    let ascii_ok = |b: u8| b == b'\n' || (0x20..0x7f).contains(&b) || b >= 0x80;
    text.bytes().all(ascii_ok)
        && (text.is_ascii()
            || text.chars().all(|c| {
                !matches!(c, '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
            }))
}

struct Parser<'a> {
    s: &'a str,
    b: &'a [u8],
    pos: usize,
    depth: usize,
    /// Resource values read ahead.
    pre: Prebuilt,
}

/// Where a value stands: after `key:` in a block mapping, or after `-` in a sequence.
#[derive(Clone, Copy, PartialEq)]
enum Ctx {
    MapValue,
    SeqItem,
}

impl<'a> Parser<'a> {
    fn starting(text: &'a str, pos: usize, depth: usize, pre: Prebuilt) -> Parser<'a> {
        Parser {
            s: text,
            b: text.as_bytes(),
            pos,
            depth,
            pre,
        }
    }

    /// The value read ahead for the entry whose `:` ends at `colon_end`, at column `col`.
    fn take_prebuilt(&mut self, colon_end: usize, col: usize) -> Option<Option<HNode>> {
        if self.depth != RESOURCE_DEPTH || self.pre.is_empty() {
            return None;
        }
        match self.pre.take(colon_end)? {
            (at_col, Some((v, end))) if at_col == col => {
                self.pos = end;
                Some(v)
            }
            _ => None,
        }
    }

    fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(b'\n')
    }

    fn eof(&self, i: usize) -> bool {
        i >= self.b.len()
    }

    fn line_start(&self, i: usize) -> usize {
        self.s[..i].rfind('\n').map_or(0, |n| n + 1)
    }

    fn column(&self, i: usize) -> usize {
        i - self.line_start(i)
    }

    /// From a line start: the next line with content (not blank, not only a comment), as
    /// (offset of its first character, indentation). `None` at the end of the text. A
    /// document marker (`---`, `...`) is declined.
    fn next_content_line(&self, ls: usize) -> R<Option<(usize, usize)>> {
        let next = self.next_line(ls)?;
        if let Some((first, 0)) = next {
            let line = &self.s[first..];
            if (line.starts_with("---") || line.starts_with("..."))
                && matches!(self.at(first + 3), b' ' | b'\n')
            {
                return Err(no());
            }
        }
        Ok(next)
    }

    /// [`Self::next_content_line`], document markers included.
    fn next_line(&self, mut ls: usize) -> R<Option<(usize, usize)>> {
        while !self.eof(ls) {
            let ind = self.b[ls..].iter().take_while(|c| **c == b' ').count();
            let first = ls + ind;
            match self.at(first) {
                b'\n' | b'#' => {}
                _ => {
                    if ind > MAX_INDENT {
                        return Err(no());
                    }
                    return Ok(Some((first, ind)));
                }
            }
            ls = match self.s[first..].find('\n') {
                Some(n) => first + n + 1,
                None => self.b.len(),
            };
        }
        Ok(None)
    }

    /// After a value on its line: spaces, an optional comment, then the line break
    /// (consumed) or the end of the text. Anything else is declined.
    fn finish_line(&mut self) -> R<()> {
        let mut i = self.pos;
        while self.at(i) == b' ' {
            i += 1;
        }
        if self.eof(i) {
            self.pos = i;
            return Ok(());
        }
        match self.b[i] {
            b'\n' => {
                self.pos = i + 1;
                Ok(())
            }
            b'#' if i > self.pos => {
                self.pos = self.s[i..].find('\n').map_or(self.b.len(), |n| i + n + 1);
                Ok(())
            }
            _ => Err(no()),
        }
    }

    /// Where a block node whose content ends at `last` ends, as tree-sitter's grammar
    /// ends it: with the comments after it (to their lines' ends), up to the line of the
    /// next content `next`; at the end of the text when nothing follows.
    fn block_end(&self, last: usize, next: Option<usize>) -> usize {
        match next {
            None => self.b.len(),
            Some(first) => {
                // Only blank lines and comments lie between; a comment runs to its
                // line's end, trailing spaces included.
                let ls = self.line_start(first).max(last);
                let between = &self.s[last..ls];
                match between.rfind('#') {
                    Some(h) => last + between[h..].find('\n').map_or(between.len(), |n| h + n),
                    None => last,
                }
            }
        }
    }

    fn skip_spaces(&mut self) {
        while self.at(self.pos) == b' ' && !self.eof(self.pos) {
            self.pos += 1;
        }
    }

    /// One level deeper, for a collection at column `col`.
    fn enter(&mut self, col: usize) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_NESTING || col > MAX_INDENT {
            return Err(no());
        }
        Ok(())
    }

    fn document(&mut self) -> R<HNode> {
        let Some((first, ind)) = self.next_line(0)? else {
            return Err(no());
        };
        let (mut first, mut ind) = (first, ind);
        if ind == 0
            && self.s[first..].starts_with("---")
            && matches!(self.at(first + 3), b' ' | b'\n')
        {
            // The document start marker, alone on its line (or with a comment).
            self.pos = first + 3;
            self.finish_line()?;
            (first, ind) = self.next_content_line(self.pos)?.ok_or_else(|| no())?;
        }
        let line = &self.s[first..];
        if ind != 0 || line.starts_with('%') || line.starts_with("---") || line.starts_with("...") {
            return Err(no());
        }
        self.pos = first;
        let root = self.block_node_at(0, None)?;
        match self.next_content_line(self.pos)? {
            None => Ok(root),
            Some(_) => Err(no()),
        }
    }

    /// A block node whose first character is at `self.pos`, at column `col`: a
    /// sequence, a mapping, or a value alone on its line(s). `parent` is the
    /// indentation the node's lines must stay beyond (`None` at the top).
    fn block_node_at(&mut self, col: usize, parent: Option<usize>) -> R<HNode> {
        let c = self.at(self.pos);
        if self.is_entry_at(self.pos) {
            return self.block_sequence(col);
        }
        if self.is_key_at(self.pos) {
            return self.block_mapping(col);
        }
        // A value alone on its line, under a key or a dash.
        if c == b'!' {
            return self.tagged_value(parent.unwrap_or(0), Ctx::MapValue);
        }
        let v = self.inline_value(parent.unwrap_or(0))?;
        self.finish_line()?;
        Ok(v)
    }

    fn block_mapping(&mut self, col: usize) -> R<HNode> {
        self.enter(col)?;
        let start = self.pos;
        let mut end;
        let mut members = Vec::new();
        loop {
            let (key, key_range) = self.key()?;
            let colon_end = self.pos;
            let value = match self.take_prebuilt(colon_end, col) {
                Some(v) => v,
                None => self.value_after_indicator(col, Ctx::MapValue)?,
            };
            end = value.as_ref().map_or(colon_end, |v| v.range.end as usize);
            members.push(HMember {
                key,
                key_range,
                value,
            });
            match self.next_content_line(self.pos)? {
                Some((first, ind)) if ind == col => {
                    if !self.is_key_at(first) {
                        return Err(no());
                    }
                    self.pos = first;
                }
                Some((_, ind)) if ind > col => return Err(no()),
                next => {
                    end = self.block_end(end, next.map(|(first, _)| first));
                    break;
                }
            }
        }
        self.depth -= 1;
        Ok(HNode::new(
            TextRange::new(start, end),
            HValue::Object(members),
        ))
    }

    fn block_sequence(&mut self, col: usize) -> R<HNode> {
        self.enter(col)?;
        let start = self.pos;
        let mut end;
        let mut items = Vec::new();
        loop {
            // At a `-` followed by a space or a line break.
            self.pos += 1;
            match self.value_after_indicator(col, Ctx::SeqItem)? {
                Some(v) => {
                    end = v.range.end as usize;
                    items.push(v);
                }
                None => return Err(no()),
            }
            match self.next_content_line(self.pos)? {
                Some((first, ind)) if ind == col => {
                    if !self.is_entry_at(first) {
                        end = self.block_end(end, Some(first));
                        break;
                    }
                    self.pos = first;
                }
                Some((_, ind)) if ind > col => return Err(no()),
                next => {
                    end = self.block_end(end, next.map(|(first, _)| first));
                    break;
                }
            }
        }
        self.depth -= 1;
        Ok(HNode::new(TextRange::new(start, end), HValue::Array(items)))
    }

    /// The value after `key:` or `-` (at `self.pos`, just past the indicator), for a node
    /// at column `col`. Leaves `self.pos` at the start of the line after the value.
    fn value_after_indicator(&mut self, col: usize, ctx: Ctx) -> R<Option<HNode>> {
        self.skip_spaces();
        if ctx == Ctx::SeqItem && self.column(self.pos) > MAX_INDENT {
            return Err(no()); // block content past the grammar's column limit
        }
        let c = self.at(self.pos);
        if c == b'\n' || c == b'#' || self.eof(self.pos) {
            self.finish_line()?;
            return self.value_on_next_lines(col, ctx);
        }
        if c == b'!' {
            return self.tagged_value(col, ctx).map(Some);
        }
        if ctx == Ctx::SeqItem {
            let here = self.column(self.pos);
            if self.is_entry_at(self.pos) {
                return self.block_sequence(here).map(Some);
            }
            if self.is_key_at(self.pos) {
                return self.block_mapping(here).map(Some);
            }
        }
        if c == b'|' || c == b'>' {
            return self.block_scalar(col).map(Some);
        }
        let v = self.inline_value(col)?;
        self.finish_line()?;
        Ok(Some(v))
    }

    /// A value that starts on a later line than its key or dash: indented deeper, or a
    /// sequence at the key's own column.
    fn value_on_next_lines(&mut self, col: usize, ctx: Ctx) -> R<Option<HNode>> {
        match self.next_content_line(self.pos)? {
            Some((first, ind)) if ind > col => {
                self.pos = first;
                self.block_node_at(ind, Some(col)).map(Some)
            }
            Some((first, ind)) if ind == col && ctx == Ctx::MapValue && self.is_entry_at(first) => {
                self.pos = first;
                self.block_sequence(ind).map(Some)
            }
            _ if ctx == Ctx::MapValue => Ok(None),
            _ => Err(no()),
        }
    }

    /// `!Tag value`: the value on the same line or on the next lines.
    fn tagged_value(&mut self, col: usize, ctx: Ctx) -> R<HNode> {
        let (tag, tag_range) = self.tag()?;
        self.skip_spaces();
        let c = self.at(self.pos);
        let inner = if c == b'\n' || c == b'#' || self.eof(self.pos) {
            self.finish_line()?;
            if let Some((first, _)) = self.next_content_line(self.pos)? {
                if self.at(first) == b'!' {
                    return Err(no()); // two tags on one node
                }
            }
            match self.value_on_next_lines(col, ctx)? {
                Some(v) => v,
                None => return Err(no()),
            }
        } else if c == b'|' || c == b'>' {
            self.block_scalar(col)?
        } else {
            let v = self.inline_value(col)?;
            self.finish_line()?;
            v
        };
        let range = TextRange::new(tag_range.start as usize, inner.range.end as usize);
        Ok(tagged(tag, tag_range, inner, range))
    }

    fn tag(&mut self) -> R<(&'a str, TextRange)> {
        let start = self.pos;
        let mut i = start + 1;
        while !self.eof(i)
            && (self.b[i].is_ascii_alphanumeric() || matches!(self.b[i], b':' | b'_' | b'.' | b'-'))
        {
            i += 1;
        }
        if i == start + 1 || !matches!(self.at(i), b' ' | b'\n') {
            return Err(no());
        }
        self.pos = i;
        Ok((&self.s[start..i], TextRange::new(start, i)))
    }

    /// A flow collection or a scalar on one line (block context).
    fn inline_value(&mut self, col: usize) -> R<HNode> {
        match self.at(self.pos) {
            b'[' | b'{' => self.flow_node(col),
            b'\'' | b'"' => self.quoted_scalar(),
            b'!' => Err(no()),
            _ => self.block_plain(col),
        }
    }

    /// A plain scalar in block context: to the end of its line or a ` #` comment, and
    /// on over the next lines indented beyond `col` (it folds them).
    fn block_plain(&mut self, col: usize) -> R<HNode> {
        let start = self.pos;
        if !plain_may_start(self.b, start, false) {
            return Err(no());
        }
        let mut end = self.plain_line_end(start)?;
        // Continuation lines: no comment may come between (it ends the scalar).
        while self.s[end..].starts_with('\n') || self.at(end) == b' ' {
            let Some(nl) = self.s[end..].find('\n').map(|n| end + n) else {
                break;
            };
            if !self.s[end..nl].trim_matches(' ').is_empty() {
                break; // a comment after the scalar
            }
            let Some((first, ind)) = self.next_content_line(nl + 1)? else {
                break;
            };
            if ind <= col {
                break;
            }
            if self.s[nl + 1..first].contains('#') {
                return Err(no()); // a comment line between scalar lines
            }
            if !plain_may_start(self.b, first, false) {
                return Err(no());
            }
            end = self.plain_line_end(first)?;
        }
        self.pos = end;
        Ok(plain(&self.s[start..end], start))
    }

    /// The end of a plain scalar's text on the line from `i`: before a ` #` comment and
    /// trailing spaces. A `: ` or a final `:` in it is declined (a key, or an error).
    fn plain_line_end(&self, i: usize) -> R<usize> {
        let line_end = self.s[i..].find('\n').map_or(self.b.len(), |n| i + n);
        let mut end = line_end;
        if let Some(n) = self.s[i..line_end].find(" #") {
            end = i + n;
        }
        let raw = self.s[i..end].trim_end_matches(' ');
        if raw.contains(": ") || raw.ends_with(':') {
            return Err(no());
        }
        Ok(i + raw.len())
    }

    /// A single-line quoted scalar at `self.pos`.
    fn quoted_scalar(&mut self) -> R<HNode> {
        let start = self.pos;
        let end = self.quoted_end(start).ok_or_else(|| no())?;
        self.pos = end;
        let quote = if self.b[start] == b'"' {
            Quote::Double
        } else {
            Quote::Single
        };
        Ok(quoted(&self.s[start..end], start, quote))
    }

    /// The end of the quoted scalar that starts at `i` when it closes on its line and
    /// every escape in it is one the grammar reads.
    fn quoted_end(&self, i: usize) -> Option<usize> {
        let q = self.b[i];
        let mut j = i + 1;
        loop {
            match self.b.get(j) {
                None | Some(b'\n') => return None,
                Some(b'\\') if q == b'"' => j += 1 + self.escape_len(j + 1)?,
                Some(&c) if c == q => {
                    if q == b'\'' && self.at(j + 1) == b'\'' {
                        j += 2;
                    } else {
                        return Some(j + 1);
                    }
                }
                Some(_) => j += 1,
            }
        }
    }

    /// The length of a double-quoted escape after its backslash at `i`, as the grammar
    /// reads them (`None`: not an escape it reads).
    fn escape_len(&self, i: usize) -> Option<usize> {
        let hex = |n: usize| {
            let digits = self.b.get(i + 1..i + 1 + n)?;
            digits.iter().all(u8::is_ascii_hexdigit).then_some(1 + n)
        };
        match self.b.get(i)? {
            b'0' | b'a' | b'b' | b't' | b'n' | b'v' | b'r' | b'e' | b'f' | b' ' | b'"' | b'/'
            | b'\\' | b'N' | b'_' | b'L' | b'P' => Some(1),
            b'x' => hex(2),
            b'u' => hex(4),
            b'U' => hex(8),
            _ => None,
        }
    }

    /// Whether a block sequence entry (`-` then a space or a line break) starts at `i`.
    fn is_entry_at(&self, i: usize) -> bool {
        self.at(i) == b'-' && matches!(self.at(i + 1), b' ' | b'\n')
    }

    /// Whether a block mapping key (`key:` then a space or line break) starts at `i`.
    fn is_key_at(&self, i: usize) -> bool {
        self.key_end(i).is_some()
    }

    /// For a key at `i`: the end of its scalar and the offset of its `:`.
    fn key_end(&self, i: usize) -> Option<(usize, usize)> {
        let sep = |j: usize| self.at(j) == b':' && (matches!(self.at(j + 1), b' ' | b'\n'));
        match self.at(i) {
            b'\'' | b'"' => {
                let end = self.quoted_end(i)?;
                sep(end).then_some((end, end))
            }
            // Keys starting with `-`, `?` or `:` are left to tree-sitter (next to block
            // indicators its scanner reads them its own way).
            b'-' | b'?' | b':' => None,
            _ => {
                if !plain_may_start(self.b, i, false) {
                    return None;
                }
                let mut j = i;
                while !self.eof(j) {
                    match self.b[j] {
                        b'\n' => return None,
                        b'#' if self.b[j - 1] == b' ' => return None,
                        b':' if sep(j) => {
                            let end = i + self.s[i..j].trim_end_matches(' ').len();
                            return Some((end, j));
                        }
                        _ => j += 1,
                    }
                }
                None
            }
        }
    }

    /// A block mapping key at `self.pos`, up to and past its `:`.
    fn key(&mut self) -> R<(HStr, TextRange)> {
        let start = self.pos;
        let (end, colon) = self.key_end(start).ok_or_else(|| no())?;
        let raw = &self.s[start..end];
        let node = match self.b[start] {
            b'\'' => quoted(raw, start, Quote::Single),
            b'"' => quoted(raw, start, Quote::Double),
            _ => plain(raw, start),
        };
        let key = match node.value {
            HValue::Str(s) => s,
            _ => HStr::literal(
                raw.to_string(),
                OffsetMap::verbatim(start, raw.len()),
                Quote::Plain,
            ),
        };
        self.pos = colon + 1;
        Ok((key, node.range))
    }

    /// `|` or `>` with an optional chomping indicator: the lines after it that are
    /// indented deeper than `col` (and blank lines among them).
    fn block_scalar(&mut self, col: usize) -> R<HNode> {
        let start = self.pos;
        let mut i = start + 1;
        if matches!(self.at(i), b'-' | b'+') {
            i += 1;
        }
        self.pos = i;
        if !matches!(self.at(i), b' ' | b'\n') && !self.eof(i) {
            return Err(no());
        }
        self.finish_line()?;
        let mut ls = self.pos;
        let mut content_indent = None;
        let mut widest_blank = 0;
        let mut end = None;
        while !self.eof(ls) {
            let ind = self.b[ls..].iter().take_while(|c| **c == b' ').count();
            let le = self.s[ls..].find('\n').map_or(self.b.len(), |n| ls + n);
            if ls + ind == le {
                widest_blank = widest_blank.max(ind);
            } else {
                let need = *content_indent.get_or_insert(ind);
                if ind < need || ind <= col {
                    break;
                }
                if widest_blank > need && end.is_none() {
                    // Spaces before the first line set another indentation.
                    return Err(no());
                }
                // The scalar ends at the last line's last non-space character.
                end = Some(ls + self.s[ls..le].trim_end_matches(' ').len());
            }
            ls = if le < self.b.len() { le + 1 } else { le };
        }
        let Some(mut end) = end else {
            return Err(no());
        };
        self.pos = self.s[end..]
            .find('\n')
            .map_or(self.b.len(), |n| end + n + 1);
        if self.s[end..].trim_end_matches([' ', '\n']).is_empty() {
            // Nothing but blank lines after it (a comment would end it).
            end = self.b.len();
        }
        Ok(block(&self.s[start..end], start))
    }
}

/// Whether a plain scalar may start at `i`: not on an indicator, except `-`, `?` and `:`
/// followed by a character that can follow them.
fn plain_may_start(b: &[u8], i: usize, flow: bool) -> bool {
    let Some(&c) = b.get(i) else {
        return false;
    };
    match c {
        b'[' | b']' | b'{' | b'}' | b',' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\''
        | b'"' | b'%' | b'@' | b'`' | b' ' | b'\n' => false,
        b'-' | b'?' | b':' => match b.get(i + 1) {
            None | Some(b' ' | b'\n') => false,
            Some(b',' | b'[' | b']' | b'{' | b'}') => !flow,
            Some(_) => true,
        },
        _ => true,
    }
}
