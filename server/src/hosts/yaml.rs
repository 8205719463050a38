//! YAML into a host tree, with tree-sitter's YAML grammar (exact byte ranges, and a tree
//! even past syntax errors). CloudFormation's short tags (`!Sub x`) become their long
//! form (`{"Fn::Sub": x}`), so the template walker reads one shape.

use super::map::{OffsetMap, OffsetMapBuilder};
use super::{HMember, HNode, HStr, HValue, Quote};
use crate::syntax::{SyntaxError, TextRange};
use tree_sitter::Node;

use super::yaml_split as split;
#[doc(hidden)]
pub use split::compare_split_read;

/// How the fast reader did on `text`, against tree-sitter (for `tests/yaml_fast.rs`
/// and the fuzz target; its reading of the resources on all cores first is checked
/// against its one-pass reading whatever the size):
/// `Ok(true)` when it read the text to the same tree, `Ok(false)` when it declined,
/// `Err` with where the trees part.
#[doc(hidden)]
pub fn compare_fast_read(text: &str) -> Result<bool, String> {
    if !super::yaml_fast::parallel_read_is_the_same(text) {
        return Err("reading the resources on all cores first gives another tree".to_string());
    }
    let Some(fast) = super::yaml_fast::parse(text) else {
        return Ok(false);
    };
    let (whole, errors) = parse_whole(text);
    if !errors.is_empty() {
        return Err(format!(
            "the fast reader read a text with errors: {errors:?}"
        ));
    }
    super::same_tree(fast, ("tree-sitter", whole))
}

/// Nesting deeper than this is not read (one `not analysed` value instead).
const MAX_DEPTH: usize = 128;

/// How many broken lines are set aside before giving up on the rest of the file.
const MAX_RECOVERIES: usize = 16;

/// Reads the first document of `text`. Never fails. Plain block-style templates are
/// read by the fast reader (`yaml_fast`), which builds the same tree; the rest by
/// tree-sitter, whose YAML grammar keeps
/// little of a document past a badly indented line, so each line it cannot read is
/// reported and blanked (same length, so every offset stays), and the rest is read
/// again: the template after a typo is still checked. A big template is read in two
/// parts on two cores when it can be cut safely (`yaml_split`); the tree is the same.
pub fn parse(text: &str) -> (Option<HNode>, Vec<SyntaxError>) {
    if let Some(root) = super::yaml_fast::parse(text) {
        return (Some(root), Vec::new());
    }
    if text.len() >= split::SPLIT_FROM_BYTES
        && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
    {
        if let Some(second) = split::second_half_of_resources(text) {
            return split::parse_split(text, second);
        }
    }
    parse_whole(text)
}

/// Reads the whole text as one document (see [`parse`]).
pub(super) fn parse_whole(text: &str) -> (Option<HNode>, Vec<SyntaxError>) {
    let mut parser = tree_sitter::Parser::new();
    let language: tree_sitter::Language = tree_sitter_yaml::LANGUAGE.into();
    if parser.set_language(&language).is_err() {
        return (
            None,
            vec![error(
                TextRange::empty(0),
                "the YAML parser could not start".into(),
            )],
        );
    }
    let mut work = text.to_string();
    let mut errors = Vec::new();
    blank_too_deep(&mut work, &mut errors);
    let mut rounds = 0;
    loop {
        let Some(tree) = parser.parse(&work, None) else {
            errors.push(error(TextRange::empty(0), "the YAML parser gave up".into()));
            return (None, errors);
        };
        let root = tree.root_node();
        match error_offset(root, &work) {
            Some(at) if rounds < MAX_RECOVERIES => {
                let (ls, le) = line_at(&work, at);
                let line = &work[ls..le];
                let shown: String = line.trim().chars().take(40).collect();
                let indent = line.len() - line.trim_start().len();
                errors.push(error(
                    TextRange::new(ls + indent, le),
                    format!("YAML syntax error: cannot read `{shown}` here; check its indentation, quotes and brackets"),
                ));
                if line.trim().is_empty() {
                    break;
                }
                // Blank the line (same byte length: every later offset is unchanged).
                let blank = " ".repeat(le - ls);
                work.replace_range(ls..le, &blank);
                rounds += 1;
            }
            _ => {
                let r = Reader { text: &work };
                let doc = first_named(root, "document");
                let value = doc.and_then(content_child).map(|n| r.node(n, 0));
                errors.sort_by_key(|e| e.range.start);
                errors.dedup_by_key(|e| e.range);
                return (value, errors);
            }
        }
    }
    (None, errors)
}

/// Block nesting the YAML grammar's scanner can hold: it keeps one entry per open
/// indentation level and aborts the process past about 250 (its state must fit in 1 KB).
/// Levels have strictly increasing columns, so a line whose block content starts
/// before this column cannot go past it.
const MAX_BLOCK_COLUMN: usize = 200;

/// Blanks (same length, so offsets hold) each line whose block content starts at or past
/// [`MAX_BLOCK_COLUMN`]: its leading spaces plus compact `- `/`? ` indicators. One error
/// names the first; the rest of the file is still read.
fn blank_too_deep(work: &mut String, errors: &mut Vec<SyntaxError>) {
    let mut deep = Vec::new();
    let mut start = 0;
    for line in work.split_inclusive('\n') {
        let bytes = line.as_bytes();
        let mut col = bytes.iter().take_while(|b| **b == b' ').count();
        while col + 1 < bytes.len() && matches!(bytes[col], b'-' | b'?') && bytes[col + 1] == b' ' {
            col += 2;
            col += bytes[col..].iter().take_while(|b| **b == b' ').count();
        }
        if col >= MAX_BLOCK_COLUMN && !line.trim().is_empty() {
            let end = start + line.trim_end_matches(['\n', '\r']).len();
            deep.push((start, end));
        }
        start += line.len();
    }
    let Some(&(s, e)) = deep.first() else {
        return;
    };
    let indent = work[s..e].len() - work[s..e].trim_start().len();
    errors.push(error(
        TextRange::new(s + indent, e),
        format!("YAML nested too deeply: content starts at column {} or later here (the YAML reader stops at {MAX_BLOCK_COLUMN}); these lines are not read", MAX_BLOCK_COLUMN + 1),
    ));
    for (s, e) in deep {
        let blank = " ".repeat(e - s);
        work.replace_range(s..e, &blank);
    }
}

fn error(range: TextRange, message: String) -> SyntaxError {
    SyntaxError { range, message }
}

/// Where the first syntax error is: the first text the tree does not cover, or the
/// first error or missing node.
fn error_offset(root: Node<'_>, text: &str) -> Option<usize> {
    let content_end = text.trim_end().len();
    let skip_ws = |at: usize| {
        let at = at.min(text.len());
        let rest = &text[at..];
        (at + rest.len() - rest.trim_start().len()).min(content_end.saturating_sub(1))
    };
    if root.end_byte() < content_end {
        return Some(skip_ws(root.end_byte()));
    }
    if !root.has_error() {
        return None;
    }
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.is_missing() {
            return Some(skip_ws(n.start_byte()));
        }
        if n.is_error() {
            // After the complete pairs the error node starts with.
            let mut c = n.walk();
            let last_good = n
                .children(&mut c)
                .take_while(|k| k.kind() == "block_mapping_pair" || !k.is_named())
                .last()
                .map(|k| k.end_byte());
            return Some(skip_ws(last_good.unwrap_or(n.start_byte())));
        }
        if n.has_error() {
            let mut c = n.walk();
            let kids: Vec<Node<'_>> = n.children(&mut c).collect();
            stack.extend(kids.into_iter().rev());
        }
    }
    None
}

/// The line around `at`, without its line break.
fn line_at(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    (start, end)
}

fn first_named<'t>(n: Node<'t>, kind: &str) -> Option<Node<'t>> {
    let mut c = n.walk();
    let found = n.named_children(&mut c).find(|k| k.kind() == kind);
    found
}

/// The value node inside a `document`, `block_node` or `flow_node` wrapper.
fn content_child(n: Node<'_>) -> Option<Node<'_>> {
    let mut c = n.walk();
    let found = n.named_children(&mut c).find(|k| {
        !matches!(
            k.kind(),
            "tag" | "anchor" | "comment" | "yaml_directive" | "tag_directive"
        )
    });
    found
}

struct Reader<'a> {
    text: &'a str,
}

impl Reader<'_> {
    fn src(&self, n: Node<'_>) -> &str {
        self.text.get(n.byte_range()).unwrap_or("")
    }

    fn range(n: Node<'_>) -> TextRange {
        TextRange::new(n.start_byte(), n.end_byte())
    }

    fn node(&self, n: Node<'_>, depth: usize) -> HNode {
        if depth > MAX_DEPTH {
            return HNode::new(Self::range(n), HValue::Opaque("nested too deeply".into()));
        }
        match n.kind() {
            "block_node" | "flow_node" => {
                let tag = first_named(n, "tag").map(|t| (self.src(t).to_string(), t));
                let inner = content_child(n);
                let value = match inner {
                    Some(i) => self.node(i, depth + 1),
                    None => HNode::new(
                        TextRange::new(n.end_byte(), n.end_byte()),
                        HValue::Str(HStr::literal(
                            String::new(),
                            OffsetMap::verbatim(n.end_byte(), 0),
                            Quote::Plain,
                        )),
                    ),
                };
                match tag {
                    Some((t, tn)) => tagged(&t, Self::range(tn), value, Self::range(n)),
                    None => value,
                }
            }
            "block_mapping" | "flow_mapping" => {
                let mut c = n.walk();
                let members = n
                    .named_children(&mut c)
                    .filter(|k| {
                        matches!(k.kind(), "block_mapping_pair" | "flow_pair" | "flow_node")
                    })
                    .filter_map(|p| self.pair(p, depth))
                    .collect();
                HNode::new(Self::range(n), HValue::Object(members))
            }
            "block_sequence" => {
                let mut c = n.walk();
                let items = n
                    .named_children(&mut c)
                    .filter(|k| k.kind() == "block_sequence_item")
                    .map(|item| match content_child(item) {
                        Some(v) => self.node(v, depth + 1),
                        None => HNode::new(Self::range(item), HValue::Null),
                    })
                    .collect();
                HNode::new(Self::range(n), HValue::Array(items))
            }
            "flow_sequence" => {
                let mut c = n.walk();
                let items = n
                    .named_children(&mut c)
                    .filter(|k| matches!(k.kind(), "flow_node" | "flow_pair"))
                    .map(|k| {
                        if k.kind() == "flow_pair" {
                            let m = self.pair(k, depth);
                            HNode::new(Self::range(k), HValue::Object(m.into_iter().collect()))
                        } else {
                            self.node(k, depth + 1)
                        }
                    })
                    .collect();
                HNode::new(Self::range(n), HValue::Array(items))
            }
            "plain_scalar" => self.plain(n),
            "double_quote_scalar" => self.scalar(n, Quote::Double),
            "single_quote_scalar" => self.scalar(n, Quote::Single),
            "block_scalar" => self.block(n),
            "alias" => HNode::new(Self::range(n), HValue::Opaque("a YAML alias".into())),
            _ => HNode::new(Self::range(n), HValue::Error),
        }
    }

    fn pair(&self, p: Node<'_>, depth: usize) -> Option<HMember> {
        if p.kind() == "flow_node" {
            // `{ a }`: a key without a value.
            let k = self.node(p, depth + 1);
            let HValue::Str(key) = k.value else {
                return None;
            };
            return Some(HMember {
                key,
                key_range: k.range,
                value: None,
            });
        }
        let key = p.child_by_field_name("key")?;
        let k = self.node(key, depth + 1);
        let key_str = match k.value {
            HValue::Str(s) => s,
            _ => HStr::literal(
                self.src(key).to_string(),
                OffsetMap::verbatim(key.start_byte(), key.byte_range().len()),
                Quote::Plain,
            ),
        };
        let value = p
            .child_by_field_name("value")
            .map(|v| self.node(v, depth + 1));
        Some(HMember {
            key: key_str,
            key_range: k.range,
            value,
        })
    }

    fn plain(&self, n: Node<'_>) -> HNode {
        plain(self.src(n), n.start_byte())
    }

    fn scalar(&self, n: Node<'_>, quote: Quote) -> HNode {
        quoted(self.src(n), n.start_byte(), quote)
    }

    fn block(&self, n: Node<'_>) -> HNode {
        block(self.src(n), n.start_byte())
    }
}

/// A plain scalar: `true`/`false`/`null` are those values, everything else text
/// (numbers included: policies want strings, and CloudFormation passes them on as
/// written). Lines fold into spaces.
pub(super) fn plain(raw: &str, start: usize) -> HNode {
    let range = TextRange::new(start, start + raw.len());
    match raw {
        "true" | "True" | "TRUE" => return HNode::new(range, HValue::Bool(true)),
        "false" | "False" | "FALSE" => return HNode::new(range, HValue::Bool(false)),
        "null" | "Null" | "NULL" | "~" => return HNode::new(range, HValue::Null),
        _ => {}
    }
    let (text, map) = fold(raw, start, |s, b, out| {
        out.push_str(s);
        b.verbatim(s.len());
    });
    HNode::new(range, HValue::Str(HStr::literal(text, map, Quote::Plain)))
}

pub(super) fn quoted(raw: &str, start: usize, quote: Quote) -> HNode {
    let range = TextRange::new(start, start + raw.len());
    let inner = raw.get(1..raw.len().saturating_sub(1).max(1)).unwrap_or("");
    let start = start + 1;
    let (text, map) = match quote {
        Quote::Single => fold(inner, start, |s, b, out| {
            let mut rest = s;
            while let Some(i) = rest.find("''") {
                out.push_str(&rest[..i + 1]);
                b.verbatim(i + 1);
                b.skip(1);
                rest = &rest[i + 2..];
            }
            out.push_str(rest);
            b.verbatim(rest.len());
        }),
        _ => fold(inner, start, unescape_double),
    };
    HNode::new(range, HValue::Str(HStr::literal(text, map, quote)))
}

/// `|` and `>` block scalars: the common indentation stripped; `>` folds lines.
pub(super) fn block(raw: &str, start: usize) -> HNode {
    let range = TextRange::new(start, start + raw.len());
    let header_end = raw.find('\n').unwrap_or(raw.len());
    let header = &raw[..header_end];
    let folded = header.trim_start().starts_with('>');
    let body = raw.get(header_end + 1..).unwrap_or("");
    let body_start = start + header_end + 1;
    let indent = body
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    let mut text = String::new();
    let mut b = OffsetMapBuilder::new(body_start);
    let mut at = 0;
    let lines: Vec<&str> = body.split('\n').collect();
    for (i, line) in lines.iter().enumerate() {
        let cut = indent.min(line.len() - line.trim_start_matches(' ').len());
        b.jump_to(body_start + at + cut);
        let content = line[cut..].trim_end_matches('\r');
        text.push_str(content);
        b.verbatim(content.len());
        at += line.len() + 1;
        if i + 1 < lines.len() {
            let next_blank = lines.get(i + 1).is_none_or(|l| l.trim().is_empty());
            let sep = if folded && !content.is_empty() && !next_blank {
                ' '
            } else {
                '\n'
            };
            text.push(sep);
            b.decoded(1, 1);
        }
    }
    // Clip: one final line break, as YAML's default chomping keeps.
    let trimmed = text.trim_end_matches('\n').len();
    let keep = (trimmed + 1).min(text.len());
    text.truncate(keep);
    let map = b.finish().slice(0, keep);
    HNode::new(range, HValue::Str(HStr::literal(text, map, Quote::Block)))
}

/// Folds a multi-line flow scalar: line breaks with the indentation around them become
/// one space (or, for empty lines, line breaks). `piece` decodes one line's text.
fn fold(
    raw: &str,
    start: usize,
    piece: impl Fn(&str, &mut OffsetMapBuilder, &mut String),
) -> (String, OffsetMap) {
    let mut out = String::new();
    let mut b = OffsetMapBuilder::new(start);
    if !raw.contains('\n') {
        piece(raw, &mut b, &mut out);
        return (out, b.finish());
    }
    let lines: Vec<&str> = raw.split('\n').collect();
    let mut at = 0;
    let mut blank_run = 0;
    for (i, line) in lines.iter().enumerate() {
        let lead = if i == 0 {
            0
        } else {
            line.len() - line.trim_start_matches([' ', '\t']).len()
        };
        let content = if i + 1 == lines.len() {
            &line[lead..]
        } else {
            line[lead..].trim_end_matches([' ', '\t', '\r'])
        };
        if content.is_empty() && i > 0 && i + 1 < lines.len() {
            blank_run += 1;
            at += line.len() + 1;
            continue;
        }
        if i > 0 {
            let seps = if blank_run > 0 {
                "\n".repeat(blank_run)
            } else {
                " ".to_string()
            };
            out.push_str(&seps);
            b.decoded(seps.len(), start + at + lead - b.host_offset());
            blank_run = 0;
        }
        b.jump_to(start + at + lead);
        piece(content, &mut b, &mut out);
        at += line.len() + 1;
    }
    (out, b.finish())
}

/// Decodes YAML double-quoted escapes in one line.
fn unescape_double(s: &str, b: &mut OffsetMapBuilder, out: &mut String) {
    let mut rest = s;
    while let Some(i) = rest.find('\\') {
        out.push_str(&rest[..i]);
        b.verbatim(i);
        let esc = &rest[i..];
        let (host_len, decoded): (usize, Option<char>) = match esc[1..].chars().next() {
            Some(x @ ('x' | 'u' | 'U')) => {
                let n = match x {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                // Only whole hex digits are read (ASCII, so the cut is on a boundary).
                match esc.get(2..2 + n) {
                    Some(h) if h.bytes().all(|d| d.is_ascii_hexdigit()) => (2 + n, hex(Some(h))),
                    _ => (2, None),
                }
            }
            Some(c) => (
                1 + c.len_utf8(),
                Some(match c {
                    'n' => '\n',
                    't' | '\t' => '\t',
                    'r' => '\r',
                    '0' => '\0',
                    'a' => '\u{7}',
                    'b' => '\u{8}',
                    'e' => '\u{1b}',
                    'f' => '\u{c}',
                    'v' => '\u{b}',
                    'N' => '\u{85}',
                    '_' => '\u{a0}',
                    'L' => '\u{2028}',
                    'P' => '\u{2029}',
                    other => other,
                }),
            ),
            None => (1, None),
        };
        let host_len = host_len.min(esc.len());
        if let Some(c) = decoded {
            out.push(c);
            b.decoded(c.len_utf8(), host_len);
        } else {
            b.skip(host_len);
        }
        rest = &esc[host_len..];
    }
    out.push_str(rest);
    b.verbatim(rest.len());
}

fn hex(s: Option<&str>) -> Option<char> {
    u32::from_str_radix(s?, 16).ok().and_then(char::from_u32)
}

/// A tagged value: CloudFormation's short forms become `{"Fn::X": value}`.
pub(super) fn tagged(tag: &str, tr: TextRange, value: HNode, range: TextRange) -> HNode {
    let name = match tag {
        "!Ref" => "Ref".to_string(),
        "!Condition" => "Condition".to_string(),
        t if t.starts_with('!') && !t.starts_with("!!") => format!("Fn::{}", &t[1..]),
        _ => return value,
    };
    let key = HStr::literal(
        name,
        OffsetMap::verbatim(tr.start as usize, 0),
        Quote::Plain,
    );
    HNode::new(
        range,
        HValue::Object(vec![HMember {
            key,
            key_range: tr,
            value: Some(value),
        }]),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hosts::Piece;

    /// Nesting past what the grammar's scanner can hold: an error at the first line
    /// not read, the rest read (and no abort of the process).
    #[test]
    fn too_deep_yaml_is_read_up_to_the_limit() {
        let mut deep = String::from("a: 1\nb:\n");
        for i in 0..300 {
            deep.push_str(&" ".repeat(2 + i));
            deep.push_str("k:\n");
        }
        deep.push_str("c: 2\n");
        let (root, errors) = parse(&deep);
        let root = root.expect("read");
        assert!(root.get_value("a").is_some() && root.get_value("c").is_some());
        let [e] = errors.as_slice() else {
            panic!("{errors:?}")
        };
        let line = deep[..e.range.start as usize].matches('\n').count() + 1;
        assert_eq!(
            (line, e.message.contains("nested too deeply")),
            (2 + 199, true)
        );
    }

    /// Past line 32,767 (where the published grammar's 16-bit row counter wrapped and
    /// every later line was misread; see third_party/tree-sitter-yaml/PATCHED.md): a
    /// mapping after 40,000 lines is read, with its exact offsets.
    #[test]
    fn yaml_longer_than_32767_lines_is_read_to_the_end() {
        let mut long = String::from("a: 1\n");
        for i in 0..40_000 {
            long.push_str(&format!("k{i}:\n  v: [x, {{y: z}}]\n"));
        }
        long.push_str("b:\n  c: last\n");
        let (root, errors) = parse(&long);
        assert!(errors.is_empty(), "{errors:?}");
        let root = root.expect("read");
        assert_eq!(root.as_object().map_or(0, <[_]>::len), 40_002);
        let c = root
            .get_value("b")
            .and_then(|b| b.get_value("c"))
            .expect("b.c");
        assert_eq!(&long[c.range.start as usize..c.range.end as usize], "last");
    }

    fn text_of(n: &HNode) -> (String, OffsetMap) {
        match &n.value {
            HValue::Str(s) => match s.pieces.as_slice() {
                [Piece::Text { text, map }] => (text.clone(), map.clone()),
                other => panic!("pieces {other:?}"),
            },
            other => panic!("not a string: {other:?}"),
        }
    }

    #[test]
    fn scalars_decode_and_map_back() {
        let src = "a: plain text\nb: \"tab\\there\"\nc: 'it''s'\nd: folded\n  over lines\n";
        let (root, errors) = parse(src);
        assert_eq!(errors, vec![]);
        let root = root.expect("root");
        let (t, m) = text_of(root.get_value("a").expect("a"));
        assert_eq!(t, "plain text");
        assert_eq!(&src[m.host(6)..m.host(10)], "text");
        let (t, m) = text_of(root.get_value("b").expect("b"));
        assert_eq!(t, "tab\there");
        assert_eq!(&src[m.host(4)..m.host(8)], "here");
        let (t, m) = text_of(root.get_value("c").expect("c"));
        assert_eq!(t, "it's");
        assert_eq!(&src[m.host(3)..m.host(4)], "s");
        let (t, m) = text_of(root.get_value("d").expect("d"));
        assert_eq!(t, "folded over lines");
        assert_eq!(&src[m.host(7)..m.host(11)], "over");
    }

    /// Escapes decode whole characters; a backslash before a multi-byte character or
    /// before broken hex digits (found by the fuzz target) is no panic.
    #[test]
    fn double_quoted_escapes_take_whole_characters() {
        let (t, _) = text_of(&quoted("\"\\x41\\u00e9\\\u{e9}\\xZ\"", 0, Quote::Double));
        assert_eq!(t, "A\u{e9}\u{e9}Z");
    }

    #[test]
    fn short_tags_become_long_forms() {
        let src = "R: !Sub 'arn:${AWS::Partition}:s3:::b'\nG: !GetAtt Q.Arn\n";
        let (root, _) = parse(src);
        let root = root.expect("root");
        let r = root.get_value("R").expect("R");
        assert_eq!(
            r.get("Fn::Sub").map(|m| m.key_range),
            Some(TextRange::new(3, 7))
        );
        assert!(root.get_value("G").expect("G").get("Fn::GetAtt").is_some());
    }

    #[test]
    fn block_scalars_strip_indentation() {
        let src = "P: |\n  {\"a\":\n    \"b\"}\nQ: x\n";
        let (root, _) = parse(src);
        let root = root.expect("root");
        let (t, m) = text_of(root.get_value("P").expect("P"));
        assert_eq!(t, "{\"a\":\n  \"b\"}");
        let b = t.find("\"b\"").expect("b");
        assert_eq!(&src[m.host(b)..m.host(b + 3)], "\"b\"");
    }

    #[test]
    fn broken_indentation_is_an_error_on_its_line() {
        let src = "Resources:\n  A:\n    Type: x\n   Properties: {\n";
        let (_, errors) = parse(src);
        assert!(!errors.is_empty());
        let line = src[..errors[0].range.start as usize].matches('\n').count();
        assert!(line >= 2, "error on line {line}: {errors:?}");
    }
}
