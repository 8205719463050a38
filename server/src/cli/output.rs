//! Output formats of `check`. Positions: JSON uses 0-based LSP positions (UTF-16);
//! human, SARIF and GitHub use 1-based lines and columns (characters).

use super::FileResult;
use crate::diagnostic::{human, Severity};
use crate::rules;
use crate::syntax::{Encoding, LineCol};
use serde_json::json;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "human" | "text" => Some(Format::Human),
            "json" => Some(Format::Json),
            "sarif" => Some(Format::Sarif),
            "github" => Some(Format::Github),
            _ => None,
        }
    }
}

/// Writes the whole output of `check` to `out`: the files' parts as rendered by
/// [`file_part`], one after the other (SARIF: the document rendered whole). Writing
/// the parts straight to `out` (a buffered stdout) spares copying them all into one
/// string first: for the AWS managed policies that string is 5 MB of fresh memory.
pub fn write(
    format: Format,
    results: &[FileResult],
    skipped: usize,
    color: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    match format {
        Format::Json => json_output(results, out),
        Format::Sarif => out.write_all(sarif(results).as_bytes()),
        Format::Human | Format::Github => {
            for r in results {
                out.write_all(r.rendered.as_bytes())?;
            }
            if format == Format::Human {
                out.write_all(human_summary(results, skipped, color).as_bytes())?;
            }
            Ok(())
        }
    }
}

/// One file's part of the output, rendered on the worker that checked it: its
/// diagnostics' frames (human), entries (JSON) or lines (GitHub). SARIF is rendered
/// whole by [`render`].
pub fn file_part(format: Format, r: &FileResult, color: bool) -> String {
    match format {
        Format::Human => {
            let (text, index) = (&r.analysis.text, &r.analysis.line_index);
            let mut out = String::new();
            for d in &r.analysis.diagnostics {
                human::frame(&mut out, &r.path, text, index, d, color);
            }
            out
        }
        Format::Json => json_entries(r),
        Format::Github => github(r),
        Format::Sarif => String::new(),
    }
}

/// The 0-based UTF-16 position of `offset`, for findings visited in order (see
/// `LineIndex::line_col_after`).
fn pos_after(r: &FileResult, offset: u32, last: &mut Option<(usize, LineCol)>) -> LineCol {
    let text = &r.analysis.text;
    let index = &r.analysis.line_index;
    index.line_col_after(text, offset as usize, Encoding::Utf16, last)
}

/// A file's findings as elements of the top-level JSON array, separated by `,\n`, in
/// the layout `serde_json::to_string_pretty` gives a `Value` (two-space indent, keys in
/// alphabetical order at every level): written directly, which is several times
/// faster than building and pretty-printing values.
fn json_entries(r: &FileResult) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let file = json_string(&r.path);
    let (mut last_start, mut last_end) = (None, None);
    for d in &r.analysis.diagnostics {
        let s = pos_after(r, d.range.start, &mut last_start);
        let e = pos_after(r, d.range.end, &mut last_end);
        if !out.is_empty() {
            out.push_str(",\n");
        }
        let _ = write!(
            out,
            "  {{\n    \"code\": {},\n    \"file\": {file},\n    \"message\": {},\n    \"range\": {{\n      \"end\": {{\n        \"character\": {},\n        \"line\": {}\n      }},\n      \"start\": {{\n        \"character\": {},\n        \"line\": {}\n      }}\n    }},\n    \"severity\": {}\n  }}",
            json_string(d.rule),
            json_string(&d.message),
            e.col,
            e.line,
            s.col,
            s.line,
            json_string(d.severity.lsp_name()),
        );
    }
    out
}

/// `s` as a JSON string literal.
fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

fn json_output(results: &[FileResult], out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut parts = results
        .iter()
        .map(|r| r.rendered.as_str())
        .filter(|p| !p.is_empty());
    let Some(first) = parts.next() else {
        return out.write_all(b"[]\n");
    };
    out.write_all(b"[\n")?;
    out.write_all(first.as_bytes())?;
    for p in parts {
        out.write_all(b",\n")?;
        out.write_all(p.as_bytes())?;
    }
    out.write_all(b"\n]\n")
}

/// 1-based line and column counted in Unicode characters ([`human::char_col`]).
fn char_col(r: &FileResult, offset: u32) -> (u32, u32) {
    human::char_col(&r.analysis.text, &r.analysis.line_index, offset)
}

fn github(r: &FileResult) -> String {
    let mut s = String::new();
    for d in &r.analysis.diagnostics {
        let (l, c) = char_col(r, d.range.start);
        let (el, ec) = char_col(r, d.range.end);
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info | Severity::Hint => "notice",
        };
        let msg = d
            .message
            .replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A");
        let file = r
            .path
            .replace('%', "%25")
            .replace(',', "%2C")
            .replace(':', "%3A");
        s.push_str(&format!(
            "::{level} file={file},line={l},col={c},endLine={el},endColumn={ec},title={}::{msg}\n",
            d.rule
        ));
    }
    s
}

fn sarif(results: &[FileResult]) -> String {
    let rules_json: Vec<_> = rules::RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": {"text": r.summary},
                "fullDescription": {"text": r.docs},
                "help": {"text": r.docs, "markdown": crate::ide::explain::rule_doc(r)},
                "defaultConfiguration": {"level": sarif_level(r.severity)},
                "properties": {"category": r.category.name(), "accessAnalyzer": r.access_analyzer, "parliament": r.parliament},
            })
        })
        .collect();
    let mut sarif_results = Vec::new();
    for r in results {
        for d in &r.analysis.diagnostics {
            let (l, c) = char_col(r, d.range.start);
            let (el, ec) = char_col(r, d.range.end);
            let idx = rules::RULES
                .iter()
                .position(|x| x.id == d.rule)
                .unwrap_or(0);
            sarif_results.push(json!({
                "ruleId": d.rule,
                "ruleIndex": idx,
                "level": sarif_level(d.severity),
                "message": {"text": d.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": r.path},
                    "region": {"startLine": l, "startColumn": c, "endLine": el, "endColumn": ec.max(if el == l { c } else { 1 })}
                }}],
            }));
        }
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "policy-lsp",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://github.com/policy-lsp/policy-lsp",
                "rules": rules_json,
            }},
            "columnKind": "unicodeCodePoints",
            "results": sarif_results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// The last line of the human output: files checked and findings by severity.
fn human_summary(results: &[FileResult], skipped: usize, color: bool) -> String {
    let mut counts = [0usize; 4];
    for r in results {
        for (c, n) in counts.iter_mut().zip(r.analysis.counts) {
            *c += n;
        }
    }
    let files = results.len();
    let policies: usize = results.iter().map(|r| r.analysis.policies).sum();
    let summary = format!(
        "checked {files} file{}, {policies} polic{} ({} skipped as not policies): {} error{}, {} warning{}, {} info, {} hint{}\n",
        if files == 1 { "" } else { "s" },
        if policies == 1 { "y" } else { "ies" },
        skipped,
        counts[0],
        if counts[0] == 1 { "" } else { "s" },
        counts[1],
        if counts[1] == 1 { "" } else { "s" },
        counts[2],
        counts[3],
        if counts[3] == 1 { "" } else { "s" },
    );
    human::paint(color, "1", &summary)
}

/// One line per suppressed finding: `file:line:col rule (reason): message`.
pub fn suppressed(results: &[FileResult]) -> String {
    let mut s = String::new();
    for r in results {
        for (d, why) in &r.analysis.suppressed {
            let (l, c) = char_col(r, d.range.start);
            s.push_str(&format!(
                "suppressed: {}:{l}:{c} {} ({why}): {}\n",
                r.path, d.rule, d.message
            ));
        }
    }
    s
}
