//! Messages the server must survive: malformed JSON-RPC, unknown methods and bad
//! parameters, requests for documents never opened, positions past the end, versions
//! going backwards, cancelled requests.

use super::{apply, big_policy, frame, started, started_with, POLICY, URI};
use crate::common::{range, Io, SLOW_TIMEOUT};
use serde_json::{json, Value};
use std::time::Duration;

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
