//! Floods of edits: ten thousand rapid changes, publications never stale, and random
//! edits (past the end, inside characters) after which the server's copy of the text
//! is the client's (`policyLsp/debugText`).

use super::{apply, debug_options, frame, started_with, summary, POLICY, URI};
use crate::common::{range, Io, Server};
use serde_json::{json, Value};
use std::time::Duration;

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
