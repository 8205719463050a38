//! Robustness tests against the real `policy-lsp` binary over stdio: malformed
//! JSON-RPC, unknown methods and documents, out-of-range positions, versions going
//! backwards, floods of edits, huge and deeply nested documents, cancellation,
//! shutdown/exit, settings going bad, and that no edit is ever lost (checked with
//! `policyLsp/debugText`, enabled by the `debugRequests` setting).
//!
//! The client is the one from `lsp_protocol.rs`, plus raw writes. Every read has a
//! timeout, so a hung server fails the test instead of hanging it; timings are never
//! asserted.

mod common;

use common::{range, Io, Server, SLOW_TIMEOUT};
use serde_json::{json, Value};
use std::process::{Command, Stdio};
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

/// xorshift64*: deterministic randomness without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const PIECES: &[&str] = &[
    "",
    "a",
    "\"",
    "{",
    "}",
    ":",
    ",",
    "\n",
    "\r\n",
    "é",
    "€",
    "😀",
    "𝄞",
    " ",
    "\"s3:Get",
    "\"Condition\": {\"StringEquals\": {\"aws:PrincipalTag/x\": \"y\"}}",
];

/// A random edit: mostly in range, sometimes past the end, reversed, or inside a
/// surrogate pair / multi-byte character; sometimes a whole-document replacement.
fn random_change(rng: &mut Rng, text: &str) -> Value {
    if rng.below(200) == 0 {
        return json!({"text": POLICY});
    }
    let lines = text.matches('\n').count() as u64 + 1;
    let pos = |rng: &mut Rng| {
        let line = match rng.below(20) {
            0 => lines + rng.below(5),
            1 => u64::from(u32::MAX),
            _ => rng.below(lines),
        };
        let character = match rng.below(20) {
            0 => u64::from(u32::MAX),
            1..=3 => 40 + rng.below(200),
            _ => rng.below(40),
        };
        json!({"line": line, "character": character})
    };
    let (a, b) = (pos(rng), pos(rng));
    let b = if rng.below(3) == 0 { a.clone() } else { b };
    let text = (0..rng.below(3))
        .map(|_| PIECES[rng.below(PIECES.len() as u64) as usize])
        .collect::<String>();
    json!({"range": {"start": a, "end": b}, "text": text})
}

#[test]
fn malformed_json_rpc_gets_errors_not_exits() {
    malformed_json_rpc(Io::Pipes);
}

#[test]
fn malformed_json_rpc_over_sockets() {
    malformed_json_rpc(Io::Sockets);
}

fn malformed_json_rpc(io: Io) {
    let mut s = started_with(io);
    s.open(URI, POLICY);
    s.diagnostics(URI, 1);
    let cases: Vec<(&str, Vec<u8>, i64)> = vec![
        (
            "non-numeric Content-Length",
            b"Content-Length: abc\r\n\r\n{}".to_vec(),
            -32700,
        ),
        (
            "missing Content-Length",
            b"Content-Type: application/json\r\n\r\n{}".to_vec(),
            -32700,
        ),
        (
            "negative Content-Length",
            b"Content-Length: -5\r\n\r\n{}".to_vec(),
            -32700,
        ),
        ("body not JSON", frame(b"{\"jsonrpc\": \"2.0\", "), -32700),
        ("body not UTF-8", frame(b"{\"a\": \"\xff\xfe\"}"), -32700),
        ("empty body", frame(b""), -32700),
        ("JSON, not JSON-RPC", frame(b"[1, 2]"), -32600),
        (
            "wrong jsonrpc version",
            frame(br#"{"jsonrpc":"1.0","method":"x"}"#),
            -32600,
        ),
        (
            "no method",
            frame(br#"{"jsonrpc":"2.0","params":{}}"#),
            -32600,
        ),
    ];
    for (what, bytes, code) in cases {
        s.send_raw(&bytes);
        let err = s.wait_for(what, |m| m.get("error").is_some() && m["id"].is_null());
        assert_eq!(err["error"]["code"], code, "{what}: {err}");
        s.alive(URI);
    }
    // An invalid message with a usable id is answered with that id.
    s.send_raw(&frame(br#"{"jsonrpc":"2.0","id":777,"method":42}"#));
    let err = s.wait_for("error for id 777", |m| m["id"] == 777);
    assert_eq!(err["error"]["code"], -32600, "{err}");
    // Lower-case header names and a Content-Type header are accepted.
    let body = br#"{"jsonrpc":"2.0","id":778,"method":"textDocument/hover","params":{"textDocument":{"uri":"file:///work/policies/logs.json"},"position":{"line":1,"character":4}}}"#;
    let mut msg = format!(
        "content-length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n",
        body.len()
    )
    .into_bytes();
    msg.extend_from_slice(body);
    s.send_raw(&msg);
    let res = s.wait_for("hover 778", |m| m["id"] == 778);
    assert!(res["result"]["contents"].is_object(), "{res}");
    // A header split across writes, with garbage before it, still frames.
    let hover = frame(br#"{"jsonrpc":"2.0","id":779,"method":"shutdown"}"#);
    s.send_raw(b"garbage\r\n\r\n");
    let (a, b) = hover.split_at(9);
    s.send_raw(a);
    std::thread::sleep(Duration::from_millis(50));
    s.send_raw(b);
    s.wait_for("shutdown 779", |m| {
        m["id"] == 779 && m.get("result").is_some()
    });
    s.notify("exit", Value::Null);
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn unknown_methods_and_bad_params_get_errors() {
    let mut s = started();
    s.open(URI, POLICY);
    s.diagnostics(URI, 1);
    assert_eq!(s.error_code("textDocument/nonsense", json!({})), -32601);
    assert_eq!(s.error_code("policyLsp/nothing", Value::Null), -32601);
    s.notify("$/somethingNew", json!({"x": 1}));
    s.notify("workspace/unknownNotification", json!([1, 2]));
    // Wrong params: requests get InvalidParams, notifications are dropped.
    assert_eq!(s.error_code("textDocument/hover", json!({"x": 1})), -32602);
    assert_eq!(s.error_code("textDocument/completion", json!([])), -32602);
    s.notify("textDocument/didOpen", json!({"textDocument": 5}));
    s.notify("textDocument/didChange", json!({"contentChanges": "x"}));
    s.notify("textDocument/didChange", Value::Null);
    s.alive(URI);
    assert_eq!(s.stop(), 0);
}

#[test]
fn requests_for_unopened_documents_are_answered() {
    let mut s = started();
    let uri = "file:///never/opened.json";
    let doc = json!({"uri": uri});
    let pos = json!({"line": 0, "character": 0});
    for (method, params) in [
        (
            "textDocument/hover",
            json!({"textDocument": doc, "position": pos}),
        ),
        (
            "textDocument/completion",
            json!({"textDocument": doc, "position": pos}),
        ),
        (
            "textDocument/codeAction",
            json!({"textDocument": doc, "range": range(0, 0, 0, 0), "context": {"diagnostics": []}}),
        ),
        ("textDocument/documentSymbol", json!({"textDocument": doc})),
        ("textDocument/foldingRange", json!({"textDocument": doc})),
        (
            "textDocument/selectionRange",
            json!({"textDocument": doc, "positions": [pos]}),
        ),
        ("policyLsp/debugText", json!({"textDocument": doc})),
    ] {
        let res = s.request_raw(method, params);
        assert!(res.get("error").is_none(), "{method}: {res}");
    }
    // Changes and closes of documents never opened are ignored.
    s.change(uri, 2, json!([{"range": range(0, 0, 0, 0), "text": "x"}]));
    s.notify("textDocument/didClose", json!({"textDocument": doc}));
    assert_eq!(s.text(uri), Value::Null);
    s.open(URI, POLICY);
    s.diagnostics(URI, 1);
    s.alive(URI);
    assert_eq!(s.stop(), 0);
}

#[test]
fn positions_past_the_end_and_versions_going_backwards() {
    let mut s = started();
    s.open(URI, POLICY);
    s.diagnostics(URI, 1);
    let mut text = POLICY.to_string();
    let max = u64::from(u32::MAX);
    for (version, change) in [
        (5, json!({"range": range(max, max, max, max), "text": "\n"})),
        (6, json!({"range": range(4, max, 2, 0), "text": ""})),
        // Inside the surrogate pair of 😀 (line 4 is `      "Sid": "Read😀Logs",`).
        (3, json!({"range": range(4, 18, 4, 19), "text": "é"})),
        (2, json!({"range": range(0, 0, 0, 0), "text": ""})),
    ] {
        apply(&mut text, &change, false);
        s.change(URI, version, json!([change]));
    }
    // The last version sent (2, lower than before) is the one diagnosed and kept.
    s.diagnostics(URI, 2);
    assert_eq!(s.text(URI), json!({"version": 2, "text": text}));
    for method in ["textDocument/hover", "textDocument/completion"] {
        let res = s.request_raw(
            method,
            json!({"textDocument": {"uri": URI}, "position": {"line": max, "character": max}}),
        );
        assert!(res.get("error").is_none(), "{method}: {res}");
    }
    let res = s.request_raw("textDocument/codeAction", json!({"textDocument": {"uri": URI}, "range": range(max, 0, 0, max), "context": {"diagnostics": []}}));
    assert!(res.get("error").is_none(), "{res}");
    assert_eq!(s.stop(), 0);
}

#[test]
fn ten_thousand_rapid_changes_publish_the_final_version_only() {
    rapid_changes(Io::Pipes);
}

#[test]
fn ten_thousand_rapid_changes_over_sockets() {
    rapid_changes(Io::Sockets);
}

fn rapid_changes(io: Io) {
    let mut s = started_with(io);
    s.open(URI, POLICY);
    s.diagnostics(URI, 1);
    let mut text = POLICY.to_string();
    let mut rng = Rng(0x5eed);
    const N: i64 = 10_000;
    // Build all messages first so they go out as fast as the pipe takes them.
    let mut bytes = Vec::new();
    for version in 2..=N + 1 {
        // Type and delete characters inside the Sid value, like a person would.
        let change = if version % 2 == 0 {
            let c = PIECES[1 + rng.below(12) as usize];
            json!({"range": range(4, 14, 4, 14), "text": c})
        } else {
            json!({"range": range(4, 14, 4, 14 + rng.below(2)), "text": ""})
        };
        apply(&mut text, &change, false);
        let msg = json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": URI, "version": version}, "contentChanges": [change]}});
        bytes.extend_from_slice(&frame(msg.to_string().as_bytes()));
    }
    s.send_raw(&bytes);
    let last = N + 1;
    let final_diags = s.diagnostics(URI, last);
    // Nothing is published after the final version; what was published before it (if
    // the server caught up mid-flood) came in increasing version order.
    let versions = |msgs: &mut dyn Iterator<Item = &Value>| -> Vec<i64> {
        msgs.filter(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == URI
        })
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect()
    };
    let before = versions(&mut s.backlog.iter());
    s.backlog.clear(); // read: `collect_for` returns only what comes next
    let later = s.collect_for(Duration::from_millis(500));
    let after = versions(&mut later.iter());
    assert!(
        after.is_empty(),
        "published after the final version: {after:?}"
    );
    // Edits that arrive while an analysis runs are coalesced: a few hundred at a time.
    assert!(
        before.windows(2).all(|w| w[0] < w[1]) && before.iter().all(|&v| v < last),
        "{before:?}"
    );
    assert!(
        before.len() < 500,
        "{} publishes for {N} edits",
        before.len()
    );
    assert_eq!(s.text(URI), json!({"version": last, "text": text}));
    // The final diagnostics are those of a fresh open of the same text.
    let fresh = "file:///work/policies/fresh-logs.json";
    s.open(fresh, &text);
    assert_eq!(summary(&final_diags), summary(&s.diagnostics(fresh, 1)));
    assert_eq!(s.stop(), 0);
}

#[test]
fn intermediate_publications_are_never_stale() {
    // With no debounce every version may be published, but never one older than a
    // version already published.
    let mut s = Server::start();
    s.initialize(
        json!({}),
        json!({"policyLsp": {"debugRequests": true, "diagnosticsDelayMs": 0}}),
    );
    s.open(URI, POLICY);
    s.diagnostics(URI, 1);
    for version in 2..=500 {
        let text = if version % 2 == 0 { "x" } else { "" };
        let end = if version % 2 == 0 { 14 } else { 15 };
        s.change(
            URI,
            version,
            json!([{"range": range(4, 14, 4, end), "text": text}]),
        );
    }
    s.diagnostics(URI, 500);
    let msgs = s.collect_for(Duration::from_millis(300));
    let mut versions: Vec<i64> = msgs
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| m["params"]["version"].as_i64().unwrap())
        .collect();
    versions.retain(|v| *v > 500);
    assert!(versions.is_empty(), "{versions:?}");
    assert_eq!(s.text(URI)["version"], 500);
    assert_eq!(s.stop(), 0);
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

#[test]
fn ten_megabyte_document_is_answered() {
    let mut s = started();
    s.timeout = SLOW_TIMEOUT;
    let text = big_policy(10 << 20);
    let lines = text.matches('\n').count() as u64;
    s.open(URI, &text);
    s.diagnostics(URI, 1);
    let pos = json!({"line": lines - 5, "character": 10});
    for method in ["textDocument/hover", "textDocument/completion"] {
        let res = s.request_raw(
            method,
            json!({"textDocument": {"uri": URI}, "position": pos}),
        );
        assert!(res.get("error").is_none(), "{method}: {res}");
    }
    let res = s.request_raw(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    assert!(res["result"].is_array(), "documentSymbol");
    s.change(
        URI,
        2,
        json!([{"range": range(lines - 5, 0, lines - 5, 0), "text": "x"}]),
    );
    s.diagnostics(URI, 2);
    assert_eq!(s.stop(), 0);
}

#[test]
fn hundred_thousand_deep_nesting_is_answered() {
    let mut s = started();
    s.timeout = SLOW_TIMEOUT;
    const DEPTH: usize = 100_000;
    let arrays = format!(
        "{{\"Version\": \"2012-10-17\", \"Statement\": [{{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": {}{}}}]}}",
        "[".repeat(DEPTH),
        "]".repeat(DEPTH)
    );
    let objects = format!(
        "{{\"Statement\": {}1{}}}",
        "{\"a\": ".repeat(DEPTH),
        "}".repeat(DEPTH)
    );
    let unclosed = "{\"Statement\": ".to_string() + &"[{".repeat(DEPTH);
    for (i, text) in [arrays, objects, unclosed].iter().enumerate() {
        let uri = format!("file:///work/policies/deep-{i}.json");
        s.open(&uri, text);
        assert!(
            !s.diagnostics(&uri, 1).is_empty(),
            "deep-{i} has diagnostics"
        );
        let doc = json!({"uri": uri});
        for (method, params) in [
            (
                "textDocument/hover",
                json!({"textDocument": doc, "position": {"line": 0, "character": 60_000}}),
            ),
            (
                "textDocument/completion",
                json!({"textDocument": doc, "position": {"line": 0, "character": 60_000}}),
            ),
            ("textDocument/documentSymbol", json!({"textDocument": doc})),
            ("textDocument/foldingRange", json!({"textDocument": doc})),
            (
                "textDocument/selectionRange",
                json!({"textDocument": doc, "positions": [{"line": 0, "character": 60_000}]}),
            ),
            (
                "textDocument/codeAction",
                json!({"textDocument": doc, "range": range(0, 0, 0, 200_000), "context": {"diagnostics": []}}),
            ),
        ] {
            let res = s.request_raw(method, params);
            assert!(res.get("error").is_none(), "deep-{i} {method}: {res}");
        }
    }
    assert_eq!(s.stop(), 0);
}

#[test]
fn cancelled_request_gets_one_answer_and_the_server_goes_on() {
    let mut s = started();
    s.timeout = SLOW_TIMEOUT;
    let text = big_policy(2 << 20);
    s.open(URI, &text);
    s.diagnostics(URI, 1);
    // After a change the next request has to re-analyze 2 MB: cancel it right away.
    s.change(URI, 2, json!([{"range": range(3, 0, 3, 0), "text": " "}]));
    let id = s.next_id;
    s.next_id += 1;
    s.send(&json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/documentSymbol", "params": {"textDocument": {"uri": URI}}}));
    s.notify("$/cancelRequest", json!({"id": id}));
    let res = s.wait_for("the cancelled request's answer", |m| m["id"] == id);
    assert!(
        res.get("result").is_some() || res["error"]["code"] == -32800,
        "a result or RequestCancelled: {res}"
    );
    // Cancelling what is already answered, or was never asked, is harmless.
    s.notify("$/cancelRequest", json!({"id": id}));
    s.notify("$/cancelRequest", json!({"id": "no-such-request"}));
    let more = s.collect_for(Duration::from_millis(300));
    assert!(
        !more.iter().any(|m| m["id"] == id),
        "answered twice: {more:?}"
    );
    s.alive(URI);
    assert_eq!(s.stop(), 0);
}

#[test]
fn shutdown_and_exit_follow_the_spec() {
    let mut s = Server::start();
    // Before initialize: requests fail with ServerNotInitialized, notifications are dropped.
    assert_eq!(
        s.error_code(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}})
        ),
        -32002
    );
    s.open(URI, POLICY);
    s.initialize(json!({}), debug_options());
    assert_eq!(
        s.text(URI),
        Value::Null,
        "didOpen before initialize is dropped"
    );
    // A second initialize is an error.
    let res = s.request_raw("initialize", json!({"capabilities": {}}));
    assert!(res.get("error").is_some(), "{res}");
    s.open(URI, POLICY);
    s.diagnostics(URI, 1);
    assert_eq!(s.request("shutdown", Value::Null), Value::Null);
    // After shutdown: requests are invalid, notifications other than exit are dropped.
    assert_eq!(
        s.error_code(
            "textDocument/hover",
            json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 0}})
        ),
        -32600
    );
    s.change(URI, 2, json!([{"text": "{}"}]));
    s.notify("exit", Value::Null);
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn end_of_input_without_exit_ends_the_server() {
    let mut s = started();
    s.open(URI, POLICY);
    s.diagnostics(URI, 1);
    s.close_input();
    assert_eq!(
        s.wait_exit(),
        1,
        "end of input without shutdown exits with 1"
    );
}

#[test]
fn end_of_input_over_sockets_ends_the_server() {
    let mut s = started_with(Io::Sockets);
    s.open(URI, POLICY);
    s.diagnostics(URI, 1);
    s.close_input();
    assert_eq!(s.wait_exit(), 1);
}

/// Whether the open file behind `fd` (of this process) is in non-blocking mode, from
/// the `flags` line (octal) of `/proc/self/fdinfo`.
fn nonblocking(fd: &std::os::fd::OwnedFd) -> bool {
    use std::os::fd::AsRawFd;
    let info =
        std::fs::read_to_string(format!("/proc/self/fdinfo/{}", fd.as_raw_fd())).expect("fdinfo");
    let flags = info
        .lines()
        .find_map(|l| l.strip_prefix("flags:"))
        .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
        .expect("flags line");
    flags & 0o4000 != 0 // O_NONBLOCK
}

#[test]
fn sockets_are_polled_and_left_blocking_again() {
    let mut s = started_with(Io::Sockets);
    s.open(URI, POLICY);
    s.diagnostics(URI, 1);
    let log = s.wait_for("the start-up log message", |m| {
        m["method"] == "window/logMessage"
    });
    assert!(
        log["params"]["message"]
            .as_str()
            .is_some_and(|m| m.ends_with(": stdin socket, stdout socket")),
        "{log}"
    );
    let probe = s.stdin_probe.take().expect("socket mode keeps a probe");
    assert!(
        nonblocking(&probe),
        "the server reads its stdin socket through the reactor"
    );
    assert_eq!(s.stop(), 0);
    assert!(
        !nonblocking(&probe),
        "blocking mode is restored before the server exits"
    );
}

#[test]
fn stdin_from_a_file_is_served_with_blocking_reads() {
    // Neither a pipe nor a socket. A client may send nothing before the answer to
    // `initialize`, so the file holds just that request; then input ends.
    let dir = std::env::temp_dir().join(format!("policy-lsp-stdin-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("session.bin");
    let init = Server::message(
        Some(1),
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    std::fs::write(&input, frame(init.to_string().as_bytes())).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_policy-lsp"))
        .arg("--stdio")
        .stdin(std::fs::File::open(&input).unwrap())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .output()
        .expect("run policy-lsp");
    let _ = std::fs::remove_dir_all(&dir);
    let text = String::from_utf8_lossy(&out.stdout);
    let (_, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no message: {text:?}"));
    let res: Value = serde_json::from_str(body).expect("one JSON body");
    assert_eq!(res["id"], 1, "{text}");
    assert!(res["result"]["capabilities"].is_object(), "{text}");
    assert_eq!(
        out.status.code(),
        Some(1),
        "end of input without shutdown: 1"
    );
}

fn codes(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn config_and_notes_files_changing_under_the_server() {
    // policy-lsp.toml is read from the document's folder upwards when the document
    // opens and when the client reports changed files. A config or notes file that turns
    // invalid or disappears while a document is open gives one clear message and the
    // defaults; fixing it brings it back.
    let dir = std::env::temp_dir().join(format!("policy-lsp-robust-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("logs.json");
    std::fs::write(&file, POLICY).unwrap();
    let toml = dir.join("policy-lsp.toml");
    let notes = dir.join("notes.md");
    let valid = "[rules]\ninvalid-sid = \"off\"\n[notes]\npaths = [\"notes.md\"]\n";
    std::fs::write(&toml, valid).unwrap();
    std::fs::write(
        &notes,
        "## CloudWatch Logs\n\nUse `logs:GetLogEvents` only in break-glass roles.\n",
    )
    .unwrap();
    let uri = format!("file://{}", file.display());
    let mut s = started();
    s.open(&uri, POLICY);
    assert!(!codes(&s.diagnostics(&uri, 1)).contains(&"invalid-sid".to_string()));
    let hover_action =
        json!({"textDocument": {"uri": uri}, "position": {"line": 6, "character": 20}});
    let mut version = 1;
    let changed = json!({"changes": [{"uri": format!("file://{}", toml.display()), "type": 2}]});
    let mut edit = |s: &mut Server| {
        s.notify("workspace/didChangeWatchedFiles", changed.clone());
        version += 1;
        let text = if version % 2 == 0 { " " } else { "" };
        let end = if version % 2 == 0 { 0 } else { 1 };
        s.change(
            &uri,
            version,
            json!([{"range": range(1, 0, 1, end), "text": text}]),
        );
        s.diagnostics(&uri, version)
    };
    // Invalid TOML: one message, defaults (invalid-sid back), still answering.
    std::fs::write(&toml, "[rules\nnot toml at all = = =\n").unwrap();
    assert!(codes(&edit(&mut s)).contains(&"invalid-sid".to_string()));
    let msg = s.wait_for("a config error message", |m| {
        m["method"] == "window/showMessage"
    });
    assert!(
        msg["params"]["message"]
            .as_str()
            .unwrap()
            .contains("policy-lsp.toml"),
        "{msg}"
    );
    edit(&mut s);
    let again = s.collect_for(Duration::from_millis(300));
    assert!(
        !again.iter().any(|m| m["method"] == "window/showMessage"),
        "the same config error is shown once: {again:?}"
    );
    // Deleted: defaults, no message needed, still answering.
    std::fs::remove_file(&toml).unwrap();
    assert!(codes(&edit(&mut s)).contains(&"invalid-sid".to_string()));
    s.request("textDocument/hover", hover_action.clone());
    // Back and valid (a new mtime): the rule is off again.
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&toml, valid).unwrap();
    assert!(!codes(&edit(&mut s)).contains(&"invalid-sid".to_string()));
    // The notes file turns to garbage, then disappears: hover is still answered.
    std::fs::write(&notes, b"\xff\xfe\x00garbage").unwrap();
    s.request("textDocument/hover", hover_action.clone());
    std::fs::remove_file(&notes).unwrap();
    s.request("textDocument/hover", hover_action.clone());
    edit(&mut s);
    // Invalid editor settings: a warning, and the document is still diagnosed.
    s.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"policyLsp": {"rules": 5, "kinds": {"x": "nope"}, "diagnosticsDelayMs": "soon"}}}),
    );
    let warning = s.wait_for("a settings warning", |m| {
        m["method"] == "window/showMessage"
            && m["params"]["message"]
                .as_str()
                .unwrap_or("")
                .contains("diagnosticsDelayMs")
    });
    assert_eq!(warning["params"]["type"], 2, "{warning}");
    edit(&mut s); // still diagnosed (nothing left to report with invalid-sid off)
                  // Settings that are not even an object.
    s.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"policyLsp": [1, 2]}}),
    );
    s.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    s.alive(&uri);
    assert_eq!(s.stop(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

fn no_edit_lost(utf8: bool, seed: u64) {
    let mut s = Server::start();
    let caps = if utf8 {
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}})
    } else {
        json!({})
    };
    let res = s.initialize(caps, debug_options());
    assert_eq!(
        res["capabilities"]["positionEncoding"],
        if utf8 { "utf-8" } else { "utf-16" }
    );
    let mut rng = Rng(seed);
    let mut text = POLICY.to_string();
    s.open(URI, &text);
    let mut version = 1;
    for round in 0..60 {
        // A few notifications, each with up to 4 changes applied in order.
        for _ in 0..1 + rng.below(5) {
            version += 1;
            let changes: Vec<Value> = (0..1 + rng.below(4))
                .map(|_| {
                    let c = random_change(&mut rng, &text);
                    apply(&mut text, &c, utf8);
                    c
                })
                .collect();
            s.change(URI, version, json!(changes));
        }
        assert_eq!(
            s.text(URI),
            json!({"version": version, "text": text}),
            "round {round} (utf8: {utf8})"
        );
    }
    // The diagnostics of the final text are those of another document that was a
    // policy (so stays one) and was given the final text whole.
    let diags = s.diagnostics(URI, version);
    let fresh = "file:///work/policies/fresh-logs.json";
    s.open(fresh, POLICY);
    s.change(fresh, 2, json!([{ "text": text }]));
    assert_eq!(summary(&diags), summary(&s.diagnostics(fresh, 2)));
    assert_eq!(s.stop(), 0);
}

#[test]
fn no_edit_is_ever_lost_utf16() {
    no_edit_lost(false, 0x1234_5678);
}

#[test]
fn no_edit_is_ever_lost_utf8() {
    no_edit_lost(true, 0x9abc_def0);
}

#[test]
fn debug_text_is_off_by_default() {
    let mut s = Server::start();
    s.initialize(json!({}), Value::Null);
    s.open(URI, POLICY);
    assert_eq!(
        s.error_code("policyLsp/debugText", json!({"textDocument": {"uri": URI}})),
        -32601
    );
    assert_eq!(s.stop(), 0);
}

/// Templates at the limits: YAML nested past what the YAML grammar can hold (its
/// scanner would abort the process), HCL and flow collections 100,000 deep, and a
/// template of about 5 MB with thousands of policies. Each gets diagnostics and answers.
#[test]
fn deep_and_huge_templates_are_answered() {
    let mut s = started();
    s.timeout = SLOW_TIMEOUT;
    const DEPTH: usize = 100_000;
    let head = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n";
    let mut indented = head.to_string();
    for i in 0..3000 {
        indented.push_str(&" ".repeat(8 + i));
        indented.push_str("k:\n");
    }
    let dashes = format!(
        "{head}        Statement:\n          {}x\n",
        "- ".repeat(3000)
    );
    let flow = format!(
        "{head}        Statement: {}{}\n",
        "[".repeat(DEPTH),
        "]".repeat(DEPTH)
    );
    let hcl = format!(
        "resource \"aws_iam_policy\" \"p\" {{\n  policy = jsonencode({{Statement = {}{}}})\n}}\n",
        "[".repeat(DEPTH),
        "]".repeat(DEPTH)
    );
    let blocks = format!(
        "data \"aws_iam_policy_document\" \"d\" {{\n{}",
        "statement {\n".repeat(DEPTH)
    );
    let mut huge = String::from("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n");
    let mut i = 0;
    while huge.len() < 5 << 20 {
        huge.push_str(&format!("  P{i}:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Action: [s3:GetObject, s3:PutObjectt]\n            Resource: !Sub 'arn:${{AWS::Partition}}:s3:::b-{i}/*'\n"));
        i += 1;
    }
    let docs = [
        ("deep-indent.yaml", indented),
        ("deep-dashes.yaml", dashes),
        ("deep-flow.yaml", flow),
        ("deep.tf", hcl),
        ("deep-blocks.tf", blocks),
        ("huge.yaml", huge),
    ];
    for (name, text) in &docs {
        let uri = format!("file:///work/templates/{name}");
        s.open(&uri, text);
        assert!(!s.diagnostics(&uri, 1).is_empty(), "{name} has diagnostics");
        let doc = json!({"uri": uri});
        let line = text.matches('\n').count() as u64 / 2;
        let pos = json!({"line": line, "character": 12});
        for (method, params) in [
            (
                "textDocument/hover",
                json!({"textDocument": doc, "position": pos}),
            ),
            (
                "textDocument/completion",
                json!({"textDocument": doc, "position": pos}),
            ),
            ("textDocument/documentSymbol", json!({"textDocument": doc})),
            ("textDocument/codeLens", json!({"textDocument": doc})),
            (
                "textDocument/codeAction",
                json!({"textDocument": doc, "range": range(0, 0, line, 0), "context": {"diagnostics": []}}),
            ),
        ] {
            let res = s.request_raw(method, params);
            assert!(res.get("error").is_none(), "{name} {method}: {res}");
        }
    }
    assert_eq!(s.stop(), 0);
}
