//! Opening and changing documents: initialization, positions in UTF-16 and UTF-8,
//! incremental edits, diagnostics of broken and non-policy documents, settings, exit.

use super::{apply_edits, started, summary, utf16_caps, POLICY, URI};
use crate::common::{range, Server};
use serde_json::{json, Value};

#[test]
fn initialize_defaults_to_utf16_and_reports_capabilities() {
    let mut s = Server::start();
    let res = s.initialize(utf16_caps(), Value::Null);
    let caps = &res["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix", "refactor", "source.fixAll.policy-lsp"])
    );
    assert!(
        caps.get("diagnosticProvider").is_none(),
        "pull diagnostics are opt-in: {caps}"
    );
    assert_eq!(res["serverInfo"]["name"], "policy-lsp");
    // Once initialized, the server logs what its stdin and stdout are (pipes here, so
    // read and written through the reactor).
    let log = s.wait_for("the start-up log message", |m| {
        m["method"] == "window/logMessage"
    });
    assert_eq!(log["params"]["type"], 4, "MessageType.Log: {log}");
    assert!(
        log["params"]["message"].as_str().is_some_and(
            |m| m.starts_with("policy-lsp ") && m.ends_with(": stdin pipe, stdout pipe")
        ),
        "{log}"
    );
    assert_eq!(s.stop(), 0);
}

#[test]
fn diagnostics_at_exact_utf16_ranges_with_status() {
    let mut s = started();
    s.open(URI, POLICY);
    let diags = s.diagnostics(URI, 1);
    assert_eq!(
        summary(&diags),
        vec![
            ("invalid-version".to_string(), [1, 13, 1, 25]),
            // "Read😀Logs": the emoji is two UTF-16 code units.
            ("invalid-sid".to_string(), [4, 13, 4, 25]),
            ("invalid-effect".to_string(), [5, 16, 5, 23]),
        ]
    );
    for d in &diags {
        assert_eq!(d["source"], "policy-lsp");
        assert_eq!(d["severity"], 1);
    }
    let status = s.wait_for("policyLsp/status", |m| m["method"] == "policyLsp/status");
    assert_eq!(status["params"]["uri"], URI);
    assert_eq!(status["params"]["kind"], "identity");
    assert!(
        status["params"]["reason"]
            .as_str()
            .unwrap()
            .contains("Principal"),
        "{status}"
    );
    assert_eq!(
        status["params"]["catalogDate"],
        policy_lsp::catalog::Catalog::builtin()
            .provenance()
            .date
            .as_str()
    );
    assert_eq!(s.stop(), 0);
}

#[test]
fn utf8_offered_gives_byte_columns() {
    let mut s = Server::start();
    let caps = json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}});
    let res = s.initialize(caps, Value::Null);
    assert_eq!(res["capabilities"]["positionEncoding"], "utf-8");
    s.open(URI, POLICY);
    let diags = s.diagnostics(URI, 1);
    let sid = summary(&diags)
        .into_iter()
        .find(|d| d.0 == "invalid-sid")
        .expect("invalid-sid");
    assert_eq!(sid.1, [4, 13, 4, 27], "the emoji is four UTF-8 bytes");
    // An edit in UTF-8 columns: replace "allow" (bytes 17..22 on line 5).
    s.change(
        URI,
        2,
        json!([{"range": range(5, 17, 5, 22), "text": "Allow"}]),
    );
    let after = s.diagnostics(URI, 2);
    assert!(
        summary(&after).iter().all(|d| d.0 != "invalid-effect"),
        "{after:?}"
    );
    assert_eq!(s.stop(), 0);
}

#[test]
fn incremental_edits_with_astral_characters_match_a_fresh_open() {
    let mut s = started();
    s.open(URI, POLICY);
    s.diagnostics(URI, 1);
    let mut text = POLICY.to_string();
    let edits = [
        // Emoji before the Version error on its line, and inside the Sid after the first one.
        vec![json!({"range": range(1, 2, 1, 2), "text": "😀"})],
        vec![json!({"range": range(4, 20, 4, 20), "text": "😀é"})],
        // Two changes in one notification, applied in order: a multi-line insert, then an
        // edit whose position is only valid after the first.
        vec![
            json!({"range": range(6, 35, 6, 35), "text": ",\n      \"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"true\"}}"}),
            json!({"range": range(7, 6, 7, 17), "text": "\"Cond😀\""}),
        ],
        // Delete across lines, including half of a surrogate pair (clamps to the emoji's start).
        vec![json!({"range": range(4, 21, 5, 6), "text": ""})],
        vec![json!({"range": range(1, 0, 1, 3), "text": "  "})],
    ];
    let mut version = 1;
    for batch in &edits {
        version += 1;
        for change in batch {
            text = apply_edits(&text, std::slice::from_ref(change));
        }
        s.change(URI, version, json!(batch));
    }
    let incremental = s.diagnostics(URI, version);
    // The server's text must equal ours: a fresh open of our text gives the same result.
    let fresh_uri = "file:///work/other/logs.json";
    s.open(fresh_uri, &text);
    let fresh = s.diagnostics(fresh_uri, 1);
    assert_eq!(incremental, fresh, "text after edits:\n{text}");
    assert!(!fresh.is_empty());
    assert!(text.contains("\"Cond😀\""), "{text}");
    assert_eq!(s.stop(), 0);
}

#[test]
fn non_policy_json_gets_an_empty_diagnostics_list() {
    let mut s = started();
    for (uri, text) in [
        (
            "file:///work/app/package.json",
            "{\"name\": \"app\", \"version\": \"1.0.0\", \"scripts\": {\"test\": \"jest\"}}",
        ),
        (
            "file:///work/app/tsconfig.json",
            "{\"compilerOptions\": {\"strict\": true}}",
        ),
    ] {
        s.open(uri, text);
        assert_eq!(s.diagnostics(uri, 1), Vec::<Value>::new(), "{uri}");
        let symbols = s.request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        );
        assert_eq!(symbols, json!([]));
    }
    assert_eq!(s.stop(), 0);
}

/// `(code, range)` of what `policy-lsp check --format json` reports for `text` saved
/// as `name` in a fresh folder, and that file's `file://` URI.
fn checked_by_cli(name: &str, text: &str) -> (Vec<(String, [u64; 4])>, String) {
    let dir = std::env::temp_dir().join(format!(
        "policy-lsp-sticky-{}-{}",
        std::process::id(),
        name.replace('.', "-")
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_policy-lsp"))
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let found: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let uri = format!("file://{}", path.display());
    std::fs::remove_dir_all(&dir).unwrap();
    (summary(&found), uri)
}

#[test]
fn a_policy_keeps_its_diagnostics_while_broken() {
    let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\", \"Resource\": \"*\"}]\n}\n";
    let mut s = started();
    // Detected by content: a plain name.
    let uri = "file:///work/app/orders.json";
    s.open(uri, text);
    assert_eq!(s.diagnostics(uri, 1), Vec::<Value>::new());
    s.change(uri, 2, json!([{"range": range(0, 0, 0, 1), "text": ""}]));
    let broken = &text[1..];
    let codes: Vec<String> = summary(&s.diagnostics(uri, 2))
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    assert!(codes.contains(&"json-syntax".to_string()), "{codes:?}");
    // The same as `check` reports for that text and name.
    let (cli, cli_uri) = checked_by_cli("orders.json", broken);
    s.open(&cli_uri, broken);
    assert!(
        s.diagnostics(&cli_uri, 1).is_empty(),
        "opened broken, never a policy"
    );
    s.change(
        &cli_uri,
        2,
        json!([{"range": range(0, 0, 0, 0), "text": "{"}]),
    );
    assert_eq!(s.diagnostics(&cli_uri, 2), Vec::<Value>::new());
    s.change(
        &cli_uri,
        3,
        json!([{"range": range(0, 0, 0, 1), "text": ""}]),
    );
    assert_eq!(
        summary(&s.diagnostics(&cli_uri, 3)),
        cli,
        "sticky, as check"
    );
    // Closing forgets: reopened broken, it is unrelated JSON again.
    s.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    s.open(uri, broken);
    assert_eq!(s.diagnostics(uri, 1), Vec::<Value>::new());
    assert_eq!(s.stop(), 0);
}

#[test]
fn a_file_named_as_a_policy_is_checked_as_check_does() {
    let mut s = started();
    for (name, text) in [
        (
            "x.iam.json",
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\"",
        ),
        ("key.kms.json", "[1, 2"),
        ("role.trust.json", ""),
    ] {
        let (cli, uri) = checked_by_cli(name, text);
        assert!(!cli.is_empty(), "{name}: check reports something");
        s.open(&uri, text);
        assert_eq!(summary(&s.diagnostics(&uri, 1)), cli, "{name}");
    }
    assert_eq!(s.stop(), 0);
}

#[test]
fn settings_turn_rules_off_and_changes_reanalyze() {
    let mut s = Server::start();
    s.initialize(
        utf16_caps(),
        json!({"policyLsp": {"rules": {"invalid-effect": "off", "invalid-sid": "warning"}}}),
    );
    s.open(URI, POLICY);
    let diags = s.diagnostics(URI, 1);
    assert_eq!(
        summary(&diags)
            .iter()
            .map(|d| d.0.as_str())
            .collect::<Vec<_>>(),
        vec!["invalid-version", "invalid-sid"]
    );
    assert_eq!(diags[1]["severity"], 2);
    // Settings without our section (Neovim sends `{}`) keep the current ones.
    s.notify("workspace/didChangeConfiguration", json!({"settings": {}}));
    s.change(URI, 2, json!([{"range": range(0, 0, 0, 0), "text": " "}]));
    assert_eq!(s.diagnostics(URI, 2).len(), 2);
    s.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"policyLsp": {"rules": {}}}}),
    );
    let again = s.diagnostics(URI, 2);
    assert_eq!(again.len(), 3, "{again:?}");
    assert_eq!(s.stop(), 0);
}

#[test]
fn out_of_range_positions_do_not_crash() {
    let mut s = started();
    s.open(URI, POLICY);
    s.diagnostics(URI, 1);
    let far = json!({"line": 999, "character": 999});
    let hover = s.request_raw(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": far}),
    );
    assert!(hover.get("error").is_none(), "{hover}");
    s.request("textDocument/hover", json!({"textDocument": {"uri": URI}, "position": {"line": 0, "character": 4_000_000_000u64}}));
    s.request("textDocument/codeAction", json!({"textDocument": {"uri": URI}, "range": range(999, 0, 0, 999), "context": {"diagnostics": []}}));
    s.request(
        "textDocument/selectionRange",
        json!({"textDocument": {"uri": URI}, "positions": [far]}),
    );
    s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///not/open.json"}, "position": far}),
    );
    // Edits beyond the end clamp to it; a reversed range is taken in order (here it
    // rewrites `"Version": ` with itself).
    s.change(URI, 2, json!([{"range": range(50, 0, 60, 5), "text": "\n"}, {"range": range(1, 13, 1, 2), "text": "\"Version\": "}]));
    s.change(URI, 3, json!([{"range": range(4, 21, 4, 22), "text": "x"}]));
    let diags = s.diagnostics(URI, 3);
    assert!(!diags.is_empty());
    let hover = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": 1, "character": 4}}),
    );
    assert!(
        hover["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("identity"),
        "{hover}"
    );
    assert_eq!(s.stop(), 0);
}

#[test]
fn exit_without_shutdown_exits_one() {
    let mut s = started();
    s.notify("exit", Value::Null);
    assert_eq!(s.wait_exit(), 1);
}
