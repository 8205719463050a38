//! Robustness tests against the real `policy-lsp` binary over stdio: malformed
//! JSON-RPC, unknown methods and documents, out-of-range positions, versions going
//! backwards, floods of edits, huge and deeply nested documents, cancellation,
//! shutdown/exit, settings going bad, and that no edit is ever lost (checked with
//! `policyLsp/debugText`, enabled by the `debugRequests` setting).
//!
//! The client is `common::Server`, shared with the protocol tests, plus raw writes.
//! Every read has a timeout, so a hung server fails the test instead of hanging it;
//! timings are never asserted.
//!
//! The tests are grouped by topic in the modules below; this file holds what they share.

#[path = "../common/mod.rs"]
mod common;

mod config_files;
mod edits;
mod large;
mod lifecycle;
mod messages;

use common::{Io, Server};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

impl Server {
    /// Messages that arrive within `d` (answering server requests on the way).
    fn collect_for(&mut self, d: Duration) -> Vec<Value> {
        let mut res: Vec<Value> = self.backlog.drain(..).collect();
        let deadline = Instant::now() + d;
        while let Ok(msg) = self
            .rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            if let (Some(id), Some(_)) = (msg.get("id"), msg.get("method")) {
                let id = id.clone();
                self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
                continue;
            }
            res.push(msg);
        }
        res
    }

    /// The server's copy of a document (needs `debugRequests`).
    fn text(&mut self, uri: &str) -> Value {
        self.request("policyLsp/debugText", json!({"textDocument": {"uri": uri}}))
    }

    fn error_code(&mut self, method: &str, params: Value) -> i64 {
        let res = self.request_raw(method, params);
        res["error"]["code"]
            .as_i64()
            .unwrap_or_else(|| panic!("{method}: expected an error, got {res}"))
    }

    fn alive(&mut self, uri: &str) {
        let res = self.request_raw(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 4}}),
        );
        assert!(res.get("error").is_none(), "{res}");
        assert!(self.child.try_wait().unwrap().is_none(), "server exited");
    }
}

fn debug_options() -> Value {
    json!({"policyLsp": {"debugRequests": true}})
}

fn started() -> Server {
    started_with(Io::Pipes)
}

fn started_with(io: Io) -> Server {
    let mut s = Server::start_with(io);
    s.initialize(json!({}), debug_options());
    s
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut v = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    v.extend_from_slice(body);
    v
}

const POLICY: &str = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"Read😀Logs\",\n      \"Effect\": \"Allow\",\n      \"Action\": \"logs:GetLogEvents\",\n      \"Resource\": \"*\"\n    }\n  ]\n}\n";
const URI: &str = "file:///work/policies/logs.json";

/// `(code, range)` of each diagnostic, to compare two lists.
fn summary(diags: &[Value]) -> Vec<(String, String)> {
    diags
        .iter()
        .map(|d| (d["code"].to_string(), d["range"].to_string()))
        .collect()
}

/// Byte offset of a position, as the spec and the server clamp: lines end at '\n'; past
/// the line's end is the end of the line without "\r\n"/"\n"; past the last line is
/// the end of the text; inside a character is its start.
fn offset(text: &str, line: u64, character: u64, utf8: bool) -> usize {
    let mut start = 0;
    for _ in 0..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let mut end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    if text[start..end].ends_with('\r') {
        end -= 1;
    }
    let mut units = 0;
    for (i, c) in text[start..end].char_indices() {
        let w = if utf8 { c.len_utf8() } else { c.len_utf16() } as u64;
        if units + w > character {
            return start + i;
        }
        units += w;
    }
    end
}

/// Applies one content change client-side (a missing range replaces everything).
fn apply(text: &mut String, change: &Value, utf8: bool) {
    let Some(r) = change.get("range") else {
        *text = change["text"].as_str().unwrap().to_string();
        return;
    };
    let n = |v: &Value| v.as_u64().unwrap();
    let a = offset(
        text,
        n(&r["start"]["line"]),
        n(&r["start"]["character"]),
        utf8,
    );
    let b = offset(text, n(&r["end"]["line"]), n(&r["end"]["character"]), utf8);
    text.replace_range(a.min(b)..a.max(b), change["text"].as_str().unwrap());
}

/// A valid policy of about `bytes` bytes: many statements.
fn big_policy(bytes: usize) -> String {
    let mut s = String::from("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n");
    let mut i = 0;
    while s.len() < bytes {
        if i > 0 {
            s.push_str(",\n");
        }
        s.push_str(&format!("    {{\n      \"Sid\": \"S{i}\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\"s3:GetObject\", \"s3:PutObject\"],\n      \"Resource\": \"arn:aws:s3:::bucket-{i}/*\",\n      \"Condition\": {{\"StringEquals\": {{\"aws:PrincipalTag/team\": \"t{i}\"}}}}\n    }}"));
        i += 1;
    }
    s.push_str("\n  ]\n}\n");
    s
}
