//! Big CloudFormation YAML templates read in two parts on two cores: the template
//! with the second half of its `Resources` commented out, and that second half alone.
//! Commenting out keeps every byte offset and line, so both trees carry host ranges and
//! the second part's resources are appended to the first part's `Resources`. Only
//! plain templates are cut (see [`second_half_of_resources`]); the rest is read whole.
//! `tests/yaml_split.rs` compares both readings on every corpus template.

use super::yaml::parse_whole;
use super::{HMember, HNode, HValue};
use crate::syntax::{SyntaxError, TextRange};

/// From this size a template whose `Resources` can be cut in two is read on two cores
/// (tree-sitter's YAML grammar reads about 5 MB/s).
pub(super) const SPLIT_FROM_BYTES: usize = 512 * 1024;

/// Reads a template in two parts at once: the text with the second half of its
/// resources blanked, and only that second half (everything else blanked). Blanking
/// keeps every byte offset and line, so both trees have host ranges; the second part's
/// resources are appended to the first part's `Resources`.
pub(super) fn parse_split(
    text: &str,
    second: std::ops::Range<usize>,
) -> (Option<HNode>, Vec<SyntaxError>) {
    let first_text = blank_outside(text, &[0..second.start, second.end..text.len()]);
    let second_text = blank_outside(text, std::slice::from_ref(&second));
    let ((first, mut errors), (rest, more)) = std::thread::scope(|scope| {
        let other = scope.spawn(|| parse_whole(&second_text));
        let first = parse_whole(&first_text);
        // A panic on the other thread is read again here, so it reaches the caller.
        let rest = other.join().unwrap_or_else(|_| parse_whole(&second_text));
        (first, rest)
    });
    errors.extend(more);
    errors.sort_by_key(|e| e.range.start);
    errors.dedup_by_key(|e| e.range);
    // A node that ran up to a commented-out part ends, as in the whole text, at its
    // last character.
    // (The root, like every node the end of the text ends, runs to the end.)
    let mut root = first;
    if let Some(HValue::Object(ms)) = root.as_mut().map(|r| &mut r.value) {
        let to = text[..second.start].trim_end().len();
        for v in ms.iter_mut().filter_map(|m| m.value.as_mut()) {
            clamp_ends(v, second.start, to);
        }
    }
    let mut rest = rest;
    let tail_has_content = text[second.end..]
        .lines()
        .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    if let Some(r) = rest.as_mut().filter(|_| tail_has_content) {
        clamp_ends(r, second.end, text[..second.end].trim_end().len());
    }
    let added = rest.and_then(|r| match r.value {
        HValue::Object(ms) => Some(ms),
        _ => None,
    });
    if let (Some(root), Some(added)) = (root.as_mut(), added) {
        append_resources(root, added);
    }
    (root, errors)
}

/// Ends every node that ends past `limit` at `to` instead.
fn clamp_ends(n: &mut HNode, limit: usize, to: usize) {
    if n.range.end as usize > limit && to >= n.range.start as usize {
        n.range = TextRange::new(n.range.start as usize, to);
    }
    match &mut n.value {
        HValue::Object(ms) => ms
            .iter_mut()
            .filter_map(|m| m.value.as_mut())
            .for_each(|v| clamp_ends(v, limit, to)),
        HValue::Array(items) | HValue::Choice(items) => {
            items.iter_mut().for_each(|v| clamp_ends(v, limit, to))
        }
        _ => {}
    }
}

/// Appends `added` to the root's `Resources` mapping, widening its range.
fn append_resources(root: &mut HNode, added: Vec<HMember>) {
    let HValue::Object(members) = &mut root.value else {
        return;
    };
    let Some(res) = members
        .iter_mut()
        .find(|m| m.key.as_literal() == Some("Resources"))
        .and_then(|m| m.value.as_mut())
    else {
        return;
    };
    let Some(end) = added
        .iter()
        .filter_map(|m| m.value.as_ref())
        .map(|v| v.range.end)
        .max()
    else {
        return;
    };
    if let HValue::Object(ms) = &mut res.value {
        ms.extend(added);
        res.range = TextRange::new(res.range.start as usize, end.max(res.range.end) as usize);
    }
}

/// `text` with every line outside `keep` (whole lines) turned into a comment of the
/// same length (`#` and spaces; line breaks kept). Comments, unlike lines of spaces, do
/// not stretch the range of the node before them.
fn blank_outside(text: &str, keep: &[std::ops::Range<usize>]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in keep {
        comment_out(&text[at..r.start], &mut out);
        out.push_str(&text[r.clone()]);
        at = r.end;
    }
    comment_out(&text[at..], &mut out);
    out
}

fn comment_out(lines: &str, out: &mut String) {
    for l in lines.split_inclusive('\n') {
        let body = l.trim_end_matches(['\n', '\r']);
        if !body.is_empty() {
            out.push('#');
            out.extend(std::iter::repeat_n(' ', body.len() - 1));
        }
        out.push_str(&l[body.len()..]);
    }
}

/// The second half of a template's resources, as whole lines: from the first resource
/// key past the middle of the `Resources` body to the body's end. `None` unless the
/// template is plain enough to cut there safely: one top-level `Resources:` line, its
/// entries as keys at one indentation, no tabs in indentation, no anchors or aliases,
/// no directives or document markers.
pub(super) fn second_half_of_resources(text: &str) -> Option<std::ops::Range<usize>> {
    let mut lines = Vec::new(); // (start, line without its break)
    let mut at = 0;
    for l in text.split_inclusive('\n') {
        lines.push((at, l.trim_end_matches(['\n', '\r'])));
        at += l.len();
    }
    let is_content = |l: &str| !l.trim().is_empty() && !l.trim_start().starts_with('#');
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let mut heads = lines
        .iter()
        .enumerate()
        .filter(|(_, (_, l))| l.trim_end() == "Resources:" || l.starts_with("Resources: #"));
    let (head, _) = heads.next()?;
    if heads.next().is_some() {
        return None;
    }
    // One document: a `---` may only open it.
    let first_content = lines.iter().position(|(_, l)| is_content(l));
    for (i, (_, l)) in lines.iter().enumerate() {
        let lead = &l[..l.len() - l.trim_start().len()];
        let marker = (l.starts_with("---") && Some(i) != first_content) || l.starts_with("...");
        if lead.contains('\t') || marker || l.starts_with('%') {
            return None;
        }
        if has_anchor_or_alias(l) {
            return None;
        }
    }
    let body: Vec<(usize, &str)> = lines[head + 1..]
        .iter()
        .copied()
        .take_while(|(_, l)| !is_content(l) || indent(l) > 0)
        .collect();
    let n = body
        .iter()
        .find(|(_, l)| is_content(l))
        .map(|(_, l)| indent(l))?;
    let starts: Vec<usize> = body
        .iter()
        .filter(|(_, l)| is_content(l) && indent(l) == n)
        .map(|(s, _)| *s)
        .collect();
    if n == 0 || starts.len() < 2 || body.iter().any(|(_, l)| is_content(l) && indent(l) < n) {
        return None;
    }
    if body
        .iter()
        .any(|(_, l)| is_content(l) && indent(l) == n && !is_key_line(l))
    {
        return None;
    }
    let end = body
        .iter()
        .rev()
        .find(|(_, l)| is_content(l))
        .map(|(s, l)| s + l.len())?;
    let mid = starts[starts.len() / 2];
    Some(mid..end)
}

/// `  Name:` or `  Name: value` (a plain key: no quotes, brackets or `-`).
fn is_key_line(l: &str) -> bool {
    let t = l.trim_start();
    let Some((key, _)) = t.split_once(':') else {
        return false;
    };
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.')
        && !key.starts_with('-')
}

/// Whether a line may hold a YAML anchor (`&a`) or alias (`*a`) outside quotes: a `&`
/// or `*` at the start of a token, followed by a name character.
fn has_anchor_or_alias(l: &str) -> bool {
    let b = l.as_bytes();
    (0..b.len()).any(|i| {
        matches!(b[i], b'&' | b'*')
            && (i == 0 || matches!(b[i - 1], b' ' | b'[' | b'{' | b','))
            && b.get(i + 1)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
    })
}

/// For tests: whether `text` would be read in two parts, and if so whether the two
/// parts give exactly the tree and errors of reading it whole (`Err` shows the first
/// difference).
#[doc(hidden)]
pub fn compare_split_read(text: &str) -> Result<bool, String> {
    let Some(second) = second_half_of_resources(text) else {
        return Ok(false);
    };
    let (split, whole) = (parse_split(text, second), parse_whole(text));
    if split == whole {
        return Ok(true);
    }
    let (a, b) = (format!("{split:#?}"), format!("{whole:#?}"));
    Err(super::first_difference(("split", &a), ("whole", &b))
        .unwrap_or_else(|| "split and whole reads differ".to_string()))
}
