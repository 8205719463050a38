//! The human frame of one finding, exactly as `policy-lsp check` prints it: pure text
//! building, no I/O. Whether to colour is the caller's decision (`cli` asks the
//! terminal); the rules' tests render their examples with colour off.

use super::{Diagnostic, Severity};
use crate::syntax::{Encoding, LineIndex};

/// `s` in the ANSI style `code` (e.g. `1;31`) when `color`, else `s` as is.
pub fn paint(color: bool, code: &str, s: &str) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

/// 1-based line and column of `offset` in `text`, the column counted in Unicode
/// characters (what editors and SARIF viewers show).
pub fn char_col(text: &str, index: &LineIndex, offset: u32) -> (u32, u32) {
    let lc = index.line_col(text, offset as usize, Encoding::Utf8);
    let off = (offset as usize).min(text.len());
    let line_start = off - lc.col as usize;
    let col = text
        .get(line_start..off)
        .map_or(lc.col as usize, |s| s.chars().count());
    (lc.line + 1, col as u32 + 1)
}

/// Appends the frame of `d` in `text` (the file shown as `path`, lines indexed by
/// `index`) to `out`: the severity, rule and message; `--> path:line:col`; the line
/// with the range underlined by carets (up to the end of its first line); the first
/// fix's title; a blank line.
pub fn frame(
    out: &mut String,
    path: &str,
    text: &str,
    index: &LineIndex,
    d: &Diagnostic,
    color: bool,
) {
    let paint = |code: &str, s: &str| paint(color, code, s);
    let (sev, code) = match d.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
        Severity::Info => ("info", "1;36"),
        Severity::Hint => ("hint", "1;32"),
    };
    let (l, c) = char_col(text, index, d.range.start);
    out.push_str(&format!(
        "{}: {}\n",
        paint(code, &format!("{sev}[{}]", d.rule)),
        paint("1", &d.message)
    ));
    let gutter = l.to_string().len();
    out.push_str(&format!(
        "{}{} {}:{}:{}\n",
        " ".repeat(gutter),
        paint("1;34", "-->"),
        path,
        l,
        c
    ));
    let start = d.range.start as usize;
    let line_start = text[..start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let line_text = text[line_start..line_end].trim_end_matches('\r');
    out.push_str(&format!(
        "{} {}\n",
        " ".repeat(gutter + 1),
        paint("1;34", "|")
    ));
    out.push_str(&format!(
        "{} {} {}\n",
        paint("1;34", &l.to_string()),
        paint("1;34", "|"),
        line_text.replace('\t', " ")
    ));
    let pre = text
        .get(line_start..start.min(line_end))
        .map_or(0, |s| s.chars().count());
    let end = (d.range.end as usize).min(line_end.max(start));
    let width = text
        .get(start.min(line_end)..end)
        .map_or(1, |s| s.chars().count())
        .max(1);
    out.push_str(&format!(
        "{} {} {}{}\n",
        " ".repeat(gutter + 1),
        paint("1;34", "|"),
        " ".repeat(pre),
        paint(code, &"^".repeat(width))
    ));
    if let Some(f) = d.fixes.first() {
        out.push_str(&format!(
            "{} {} {}\n",
            " ".repeat(gutter + 1),
            paint("1;34", "="),
            paint("1", &format!("fix: {}", f.title))
        ));
    }
    out.push('\n');
}
