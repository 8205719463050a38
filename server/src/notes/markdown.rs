//! A tolerant Markdown splitter: ATX headings into sections, section bodies into
//! blocks (paragraphs, lists, fenced code). Not a full CommonMark parser; it only
//! needs to find headings and the paragraph/list a mention sits in. Linear time,
//! never panics.

/// What a block is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// Plain lines (including "bare" one-line-per-item notes without list markers).
    Paragraph,
    /// Consecutive `-`/`*`/`+`/`1.`/`1)` items and their indented continuation lines.
    List,
    /// A fenced code block (```` ``` ```` or `~~~`), fences included.
    Code,
}

/// A paragraph, list or code block of a section body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawBlock {
    pub kind: BlockKind,
    /// 1-based line of the block's first line.
    pub line: usize,
    /// The block's lines, right-trimmed, joined with `\n`.
    pub text: String,
}

/// A heading and what follows it up to the next heading (of any level).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawSection {
    /// Heading text without `#`s and closing `#`s; empty for the preamble.
    pub heading: String,
    /// 1..=6; 0 for the text before the first heading (the preamble).
    pub level: u8,
    /// 1-based line of the heading (of the first line for the preamble).
    pub line: usize,
    /// The body, trimmed of blank lines at both ends.
    pub body: String,
    pub blocks: Vec<RawBlock>,
}

/// An ATX heading: `#`..`######`, up to three spaces of indentation, a space after the
/// `#`s or (tolerated) none (`##Heading`); optional closing `#`s. A `#` run followed
/// by nothing is an empty heading. Returns (level, text).
pub fn atx_heading(line: &str) -> Option<(u8, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    if hashes == 0 || hashes > 6 {
        return None;
    }
    let after = &rest[hashes..];
    // `#tag`-style text is tolerated as a heading only when it starts like a word;
    // `#!`, `#[...]`, `#{` and similar stay text.
    match after.chars().next() {
        None => {}
        Some(c) if c == ' ' || c == '\t' => {}
        Some(c) if c.is_alphanumeric() => {}
        Some(_) => return None,
    }
    let mut text = after.trim();
    // Closing sequence: a run of `#` preceded by a space (or the whole text).
    let stripped = text.trim_end_matches('#');
    if stripped.is_empty() {
        text = "";
    } else if stripped.len() != text.len() && stripped.ends_with([' ', '\t']) {
        text = stripped.trim_end();
    }
    Some((hashes as u8, text))
}

fn fence_marker(line: &str) -> Option<(char, usize)> {
    let t = line.trim_start();
    if line.len() - t.len() > 3 {
        return None;
    }
    let c = t.chars().next()?;
    if c != '`' && c != '~' {
        return None;
    }
    let n = t.len() - t.trim_start_matches(c).len();
    (n >= 3).then_some((c, n))
}

/// Is the line a list item (`- x`, `* x`, `+ x`, `1. x`, `1) x`, also a bare `-`)?
pub fn is_list_item(line: &str) -> bool {
    let t = line.trim_start();
    if line.len() - t.len() > 12 {
        return false;
    }
    let mut chars = t.chars();
    match chars.next() {
        Some('-' | '*' | '+') => matches!(chars.next(), None | Some(' ' | '\t')),
        Some(c) if c.is_ascii_digit() => {
            let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if digits > 9 {
                return false;
            }
            let rest = &t[digits..];
            let mut r = rest.chars();
            matches!(r.next(), Some('.' | ')')) && matches!(r.next(), None | Some(' ' | '\t'))
        }
        _ => false,
    }
}

/// Split a whole document into sections. Text before the first heading becomes a
/// level-0 section with an empty heading (only when it is not blank).
pub fn parse(text: &str) -> Vec<RawSection> {
    let mut sections = Vec::new();
    let mut current: Option<(String, u8, usize)> = None; // heading, level, line
    let mut body: Vec<(usize, &str)> = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut first_line = 1usize;

    let mut flush = |current: &Option<(String, u8, usize)>,
                     body: &mut Vec<(usize, &str)>,
                     first_line: usize| {
        let (heading, level, line) = match current {
            Some((h, l, n)) => (h.clone(), *l, *n),
            None => (String::new(), 0, first_line),
        };
        let blocks = split_blocks(body);
        if level > 0 || !blocks.is_empty() {
            let body_text = blocks_body(body);
            sections.push(RawSection {
                heading,
                level,
                line,
                body: body_text,
                blocks,
            });
        }
        body.clear();
    };

    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim_end_matches('\r');
        if let Some((c, len)) = fence {
            if let Some((c2, len2)) = fence_marker(line) {
                if c2 == c && len2 >= len && line.trim().trim_start_matches(c).is_empty() {
                    fence = None;
                }
            }
            body.push((n, line));
            continue;
        }
        if let Some(f) = fence_marker(line) {
            fence = Some(f);
            body.push((n, line));
            continue;
        }
        if let Some((level, heading)) = atx_heading(line) {
            flush(&current, &mut body, first_line);
            current = Some((heading.to_string(), level, n));
            continue;
        }
        if current.is_none() && body.is_empty() && line.trim().is_empty() {
            first_line = n + 1;
            continue;
        }
        body.push((n, line));
    }
    flush(&current, &mut body, first_line);
    sections
}

fn blocks_body(body: &[(usize, &str)]) -> String {
    let start = body.iter().position(|(_, l)| !l.trim().is_empty());
    let end = body.iter().rposition(|(_, l)| !l.trim().is_empty());
    match (start, end) {
        (Some(s), Some(e)) => body[s..=e]
            .iter()
            .map(|(_, l)| l.trim_end())
            .collect::<Vec<_>>()
            .join("\n"),
        _ => String::new(),
    }
}

/// Blocks of a body: blank lines separate blocks; inside a run of lines, list items
/// (with their indented continuations) form a list block and other lines a paragraph.
fn split_blocks(body: &[(usize, &str)]) -> Vec<RawBlock> {
    let mut blocks = Vec::new();
    let mut cur: Option<(BlockKind, usize, Vec<&str>)> = None;
    let mut in_fence: Option<(char, usize)> = None;
    let push = |blocks: &mut Vec<RawBlock>, cur: &mut Option<(BlockKind, usize, Vec<&str>)>| {
        if let Some((kind, line, lines)) = cur.take() {
            let text = lines
                .iter()
                .map(|l| l.trim_end())
                .collect::<Vec<_>>()
                .join("\n");
            if !text.trim().is_empty() {
                blocks.push(RawBlock { kind, line, text });
            }
        }
    };
    for &(n, line) in body {
        if let Some((c, len)) = in_fence {
            if let Some(cur) = cur.as_mut() {
                cur.2.push(line);
            }
            if let Some((c2, len2)) = fence_marker(line) {
                if c2 == c && len2 >= len && line.trim().trim_start_matches(c).is_empty() {
                    in_fence = None;
                    push(&mut blocks, &mut cur);
                }
            }
            continue;
        }
        if let Some(f) = fence_marker(line) {
            push(&mut blocks, &mut cur);
            in_fence = Some(f);
            cur = Some((BlockKind::Code, n, vec![line]));
            continue;
        }
        if line.trim().is_empty() {
            push(&mut blocks, &mut cur);
            continue;
        }
        let item = is_list_item(line);
        let indented = line.starts_with([' ', '\t']);
        match cur.as_mut() {
            Some((BlockKind::List, _, lines)) if item || indented => lines.push(line),
            Some((BlockKind::Paragraph, _, lines)) if !item => lines.push(line),
            _ => {
                push(&mut blocks, &mut cur);
                let kind = if item {
                    BlockKind::List
                } else {
                    BlockKind::Paragraph
                };
                cur = Some((kind, n, vec![line]));
            }
        }
    }
    push(&mut blocks, &mut cur);
    blocks
}
