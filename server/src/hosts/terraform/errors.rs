//! Reading a `.tf` file past its syntax errors. tree-sitter's HCL grammar recovers well
//! from a missing `}` (the blocks after it are read as nested blocks, and the walk finds
//! them there), less well from a stray line or an unclosed string: each such line is
//! reported and blanked (same length, so every offset stays), and the file read again.

use crate::syntax::{SyntaxError, TextRange};
use tree_sitter::{InputEdit, Node, Parser, Point, Tree};

/// How many broken lines are set aside before giving up on the rest of the file.
const MAX_RECOVERIES: usize = 16;

/// Bracket nesting read at most: real modules nest a few dozen levels, and the HCL
/// parser's error recovery slows down with the square of an unclosed nesting (100,000
/// unclosed blocks take seconds).
const MAX_DEPTH: usize = 256;

/// Cuts the text (the parse does not see it; offsets before it hold) from the line
/// where `{`, `[` or `(` nest deeper than [`MAX_DEPTH`], with an error there. Strings
/// and comments are skipped roughly: a bracket inside them only makes the count higher,
/// never lower.
fn cut_too_deep(work: &mut String) -> Option<SyntaxError> {
    let bytes = work.as_bytes();
    let (mut depth, mut i) = (0usize, 0);
    let mut deep_at = None;
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' | b'(' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    deep_at = Some(i);
                    break;
                }
            }
            b'}' | b']' | b')' => depth = depth.saturating_sub(1),
            b'"' => {
                i += 1;
                while i < bytes.len() && !matches!(bytes[i], b'"' | b'\n') {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let at = deep_at?;
    let ls = work[..at].rfind('\n').map_or(0, |p| p + 1);
    let le = work[at..].find('\n').map_or(work.len(), |p| at + p);
    work.truncate(ls);
    Some(error(
        TextRange::new(at, le),
        &format!("brackets nest more than {MAX_DEPTH} levels deep here: the lines from here on are not read"),
    ))
}

/// The tree of `text` (read from the returned text, where broken lines are blanked) and
/// the syntax errors.
pub(super) fn read(text: &str) -> (Option<Tree>, String, Vec<SyntaxError>) {
    let mut parser = Parser::new();
    let language: tree_sitter::Language = tree_sitter_hcl::LANGUAGE.into();
    let mut errors = Vec::new();
    if parser.set_language(&language).is_err() {
        errors.push(error(TextRange::empty(0), "the HCL parser could not start"));
        return (None, text.to_string(), errors);
    }
    let mut work = text.to_string();
    errors.extend(cut_too_deep(&mut work));
    // The parse sees the text up to any cut; the text returned has the full length.
    let (tree, mut work, errors) = recover(&mut parser, work, errors);
    work.extend(std::iter::repeat_n(
        ' ',
        text.len().saturating_sub(work.len()),
    ));
    (tree, work, errors)
}

/// Parses, setting aside broken lines one at a time (at most [`MAX_RECOVERIES`]).
fn recover(
    parser: &mut Parser,
    mut work: String,
    mut errors: Vec<SyntaxError>,
) -> (Option<Tree>, String, Vec<SyntaxError>) {
    let mut rounds = 0;
    let mut old: Option<Tree> = None;
    loop {
        // After a line is blanked, the old tree (edited) makes the new parse cheap.
        let Some(tree) = parser.parse(&work, old.as_ref()) else {
            errors.push(error(TextRange::empty(0), "the HCL parser gave up"));
            return (None, work, errors);
        };
        let problem = first_problem(tree.root_node(), &work);
        match problem {
            Some((e, blank_at)) if rounds < MAX_RECOVERIES => {
                errors.push(e);
                let (ls, le) = line_at(&work, blank_at);
                if work[ls..le].trim().is_empty() {
                    return finish(tree, work, errors);
                }
                let blank = " ".repeat(le - ls);
                work.replace_range(ls..le, &blank);
                let mut edited = tree;
                let row = work[..ls].matches('\n').count();
                edited.edit(&InputEdit {
                    start_byte: ls,
                    old_end_byte: le,
                    new_end_byte: le,
                    start_position: Point::new(row, 0),
                    old_end_position: Point::new(row, le - ls),
                    new_end_position: Point::new(row, le - ls),
                });
                old = Some(edited);
                rounds += 1;
            }
            Some((e, _)) => {
                errors.push(e);
                return finish(tree, work, errors);
            }
            None => return finish(tree, work, errors),
        }
    }
}

fn finish(
    tree: Tree,
    work: String,
    mut errors: Vec<SyntaxError>,
) -> (Option<Tree>, String, Vec<SyntaxError>) {
    missing_closers(tree.root_node(), &work, &mut errors);
    errors.sort_by_key(|e| e.range.start);
    errors.dedup_by_key(|e| e.range);
    (Some(tree), work, errors)
}

fn error(range: TextRange, message: &str) -> SyntaxError {
    SyntaxError {
        range,
        message: message.to_string(),
    }
}

/// The line around `at`, without its line break.
fn line_at(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    (start, end)
}

/// `at` to the end of its line (trailing blanks left out), at least one byte.
fn rest_of_line(text: &str, at: usize) -> TextRange {
    let (_, end) = line_at(text, at);
    let end = at + text.get(at..end).unwrap_or("").trim_end().len();
    TextRange::new(at, end.max((at + 1).min(text.len())))
}

fn shown(text: &str, r: TextRange) -> String {
    let s = text.get(r.as_range()).unwrap_or("").trim();
    let first = s.lines().next().unwrap_or("");
    let mut out: String = first.chars().take(40).collect();
    if out.len() < first.len() {
        out.push('…');
    }
    out
}

/// The first thing that must be blanked for the rest to be read: an error node, a
/// missing opening bracket, a quoted string that runs past its line. The error, and
/// the offset whose line is blanked.
fn first_problem(root: Node<'_>, text: &str) -> Option<(SyntaxError, usize)> {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.is_error() {
            let at = error_start(n);
            let r = rest_of_line(text, at);
            let msg = format!(
                "syntax error: cannot read `{}` here; check the brackets, quotes and `=` signs",
                shown(text, r)
            );
            return Some((error(r, &msg), at));
        }
        if n.is_missing() && matches!(n.kind(), "{" | "[" | "(") {
            return Some(missing_opener(n, text));
        }
        if matches!(n.kind(), "string_lit" | "quoted_template") && runs_past_line(n, text) {
            let r = rest_of_line(text, n.start_byte());
            let msg = "this string is not closed on its line: `\"` missing (a quoted string \
                       cannot span lines; use a heredoc)";
            return Some((error(r, msg), n.start_byte()));
        }
        let mut c = n.walk();
        let kids: Vec<Node<'_>> = n.children(&mut c).collect();
        stack.extend(kids.into_iter().rev());
    }
    None
}

/// Where the trouble in an error node starts: after a block header it begins with
/// (`resource "x" "y" {`) and the complete attributes and blocks that follow.
fn error_start(n: Node<'_>) -> usize {
    let mut c = n.walk();
    let kids: Vec<Node<'_>> = n.children(&mut c).collect();
    let mut i = 0;
    if let Some(j) = kids.iter().position(|k| k.kind() == "block_start") {
        let header = kids[..j]
            .iter()
            .all(|k| matches!(k.kind(), "identifier" | "string_lit"));
        if j > 0 && header {
            i = j + 1;
        }
    }
    while kids.get(i).is_some_and(|k| {
        matches!(k.kind(), "attribute" | "block" | "body" | "comment") && !k.has_error()
    }) {
        i += 1;
    }
    kids.get(i).map_or(n.start_byte(), |k| k.start_byte())
}

/// A quoted string whose literal text holds a line break.
fn runs_past_line(n: Node<'_>, text: &str) -> bool {
    let mut c = n.walk();
    let found = n.children(&mut c).any(|k| {
        k.kind() == "template_literal" && text.get(k.byte_range()).is_some_and(|t| t.contains('\n'))
    });
    found
}

/// A missing `{`, `[` or `(`: reported on the attribute or block it belongs to, whose
/// first line is blanked.
fn missing_opener(n: Node<'_>, text: &str) -> (SyntaxError, usize) {
    let mut owner = n.parent();
    while let Some(o) = owner {
        if matches!(o.kind(), "attribute" | "block") {
            break;
        }
        owner = o.parent();
    }
    let Some(o) = owner else {
        let r = rest_of_line(text, n.start_byte());
        let msg = format!("syntax error: `{}` missing here", n.kind());
        return (error(r, &msg), n.start_byte());
    };
    let r = rest_of_line(text, o.start_byte());
    let msg = if o.kind() == "attribute" {
        let name = o
            .child(0)
            .and_then(|k| text.get(k.byte_range()))
            .unwrap_or("");
        format!("the value of `{name}` is missing or incomplete")
    } else {
        format!(
            "`{}` is neither an attribute (`name = value`) nor a block (`name {{ … }}`)",
            shown(text, r)
        )
    };
    (error(r, &msg), o.start_byte())
}

/// Missing closing brackets and other missing tokens, reported where they open.
fn missing_closers(root: Node<'_>, text: &str, errors: &mut Vec<SyntaxError>) {
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.is_missing() {
            errors.push(missing_closer(n, text));
            continue;
        }
        if !n.has_error() {
            continue;
        }
        let mut c = n.walk();
        let kids: Vec<Node<'_>> = n.children(&mut c).collect();
        stack.extend(kids.into_iter().rev());
    }
}

fn missing_closer(n: Node<'_>, text: &str) -> SyntaxError {
    let tok = n.kind();
    let holder = n.parent().and_then(|p| {
        if matches!(p.kind(), "block_end" | "object_end" | "tuple_end") {
            p.parent()
        } else {
            Some(p)
        }
    });
    match (tok, holder) {
        ("}", Some(b)) if b.kind() == "block" => {
            let b = unclosed_block(b, text);
            let header = b
                .children(&mut b.walk())
                .find(|k| k.kind() == "block_start")
                .map_or(b.start_byte() + 1, |k| k.end_byte());
            let name = shown(text, TextRange::new(b.start_byte(), header));
            let r = TextRange::new(b.start_byte(), header);
            let msg = format!("this block is not closed: `}}` missing for `{name}`");
            SyntaxError {
                range: r,
                message: msg,
            }
        }
        ("}" | "]" | ")", Some(p)) => {
            let open = match tok {
                "}" => "{",
                "]" => "[",
                _ => "(",
            };
            let r = TextRange::new(p.start_byte(), p.start_byte() + 1);
            let msg = format!("`{open}` is not closed: `{tok}` missing");
            SyntaxError {
                range: r,
                message: msg,
            }
        }
        _ => {
            let r = rest_of_line(text, n.start_byte());
            let msg = format!("syntax error: `{tok}` missing here");
            SyntaxError {
                range: r,
                message: msg,
            }
        }
    }
}

/// The block most likely left unclosed, given that `b` misses its `}`: the first block
/// inside it (or `b`) whose `}` is not indented like its first line, else `b`.
fn unclosed_block<'t>(b: Node<'t>, text: &str) -> Node<'t> {
    let mut stack = vec![b];
    while let Some(n) = stack.pop() {
        if n.kind() == "block" && n != b {
            let end = n.children(&mut n.walk()).find(|k| k.kind() == "block_end");
            if let Some(e) = end.filter(|e| !e.has_error()) {
                let same_line = line_at(text, n.start_byte()) == line_at(text, e.start_byte());
                if !same_line && indent_at(text, n.start_byte()) != column(text, e.start_byte()) {
                    return n;
                }
            }
        }
        let mut c = n.walk();
        let kids: Vec<Node<'_>> = n
            .children(&mut c)
            .filter(|k| matches!(k.kind(), "body" | "block"))
            .collect();
        stack.extend(kids.into_iter().rev());
    }
    b
}

fn indent_at(text: &str, at: usize) -> usize {
    let (ls, le) = line_at(text, at);
    let line = &text[ls..le];
    line.len() - line.trim_start().len()
}

fn column(text: &str, at: usize) -> usize {
    let (ls, _) = line_at(text, at);
    at.saturating_sub(ls)
}
