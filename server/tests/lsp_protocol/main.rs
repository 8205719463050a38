//! Protocol tests: spawn the real `policy-lsp` binary and speak JSON-RPC to it over
//! stdio with a small hand-written client. Every read has a timeout, so a hung server
//! fails the test instead of hanging it.
//!
//! The tests are grouped by topic in the modules below; this file holds what they share.

#[path = "../common/mod.rs"]
mod common;

mod code_actions;
mod documents;
mod features;
mod formatting;
mod workspace;

use common::Server;
use serde_json::{json, Value};

fn utf16_caps() -> Value {
    json!({"workspace": {"workspaceEdit": {"documentChanges": true}}})
}

fn started() -> Server {
    let mut s = Server::start();
    s.initialize(utf16_caps(), Value::Null);
    s
}

const POLICY: &str = "{\n  \"Version\": \"2012-10-18\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Read😀Logs\",\n      \"Effect\": \"allow\",\n      \"Action\": \"logs:GetLogEvents\",\n      \"Resource\": \"*\"\n    }\n  ]\n}\n";
const URI: &str = "file:///work/policies/logs.json";

/// `(code, [start line, start char, end line, end char])` of each diagnostic.
fn summary(diags: &[Value]) -> Vec<(String, [u64; 4])> {
    diags
        .iter()
        .map(|d| {
            let r = &d["range"];
            let n = |v: &Value| v.as_u64().unwrap();
            (
                d["code"].as_str().unwrap().to_string(),
                [
                    n(&r["start"]["line"]),
                    n(&r["start"]["character"]),
                    n(&r["end"]["line"]),
                    n(&r["end"]["character"]),
                ],
            )
        })
        .collect()
}

/// Byte offset of a UTF-16 position (clamped like the server).
fn offset(text: &str, line: u64, character: u64) -> usize {
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let mut units = 0;
    for (i, c) in text[start..end].char_indices() {
        if units + c.len_utf16() as u64 > character {
            return start + i;
        }
        units += c.len_utf16() as u64;
    }
    end
}

/// Applies LSP text edits or content changes (UTF-16 ranges, all relative to `text`) client-side.
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let mut edits: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let r = &e["range"];
            let a = offset(
                text,
                r["start"]["line"].as_u64().unwrap(),
                r["start"]["character"].as_u64().unwrap(),
            );
            let b = offset(
                text,
                r["end"]["line"].as_u64().unwrap(),
                r["end"]["character"].as_u64().unwrap(),
            );
            let new_text = e.get("newText").unwrap_or(&e["text"]);
            (a, b, new_text.as_str().unwrap().to_string())
        })
        .collect();
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut res = text.to_string();
    for (a, b, t) in edits {
        res.replace_range(a..b, &t);
    }
    res
}

/// The UTF-16 position of the first `needle` in `text` (plus `delta` bytes; ASCII lines).
fn pos_of(text: &str, needle: &str, delta: usize) -> Value {
    let at = text.find(needle).expect("needle in text") + delta;
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let character: usize = text[start..at].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}
