//! Protocol tests: spawn the real `policy-lsp` binary and speak JSON-RPC to it over
//! stdio with a small hand-written client. Every read has a timeout, so a hung server
//! fails the test instead of hanging it.

mod common;

use common::{range, Server};
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
fn quick_fix_applied_client_side_removes_its_diagnostic() {
    let mut s = started();
    s.open(URI, POLICY);
    let diags = s.diagnostics(URI, 1);
    let effect = diags
        .iter()
        .find(|d| d["code"] == "invalid-effect")
        .unwrap()
        .clone();
    let actions = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": effect["range"], "context": {"diagnostics": [effect], "only": ["quickfix"]}}),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:?}");
    let action = &actions[0];
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["isPreferred"], true);
    assert_eq!(action["diagnostics"][0]["code"], "invalid-effect");
    let doc_edit = &action["edit"]["documentChanges"][0];
    assert_eq!(doc_edit["textDocument"], json!({"uri": URI, "version": 1}));
    let edits = doc_edit["edits"].as_array().unwrap();
    let fixed = apply_edits(POLICY, edits);
    serde_json::from_str::<Value>(&fixed).expect("fixed text is valid JSON");
    // Send the edits as the editor would (last first, so ranges stay valid).
    let mut changes: Vec<Value> = edits
        .iter()
        .map(|e| json!({"range": e["range"], "text": e["newText"]}))
        .collect();
    changes.reverse();
    s.change(URI, 2, json!(changes));
    let after = s.diagnostics(URI, 2);
    assert!(
        summary(&after).iter().all(|d| d.0 != "invalid-effect"),
        "{after:?}"
    );
    assert_eq!(summary(&after).len(), diags.len() - 1);

    // fixAll: every safe fix at once.
    let all = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": URI}, "range": range(0, 0, 0, 0), "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
    );
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0]["kind"], "source.fixAll.policy-lsp");
    let doc_edit = &all[0]["edit"]["documentChanges"][0];
    assert_eq!(doc_edit["textDocument"]["version"], 2);
    let final_text = apply_edits(&fixed, doc_edit["edits"].as_array().unwrap());
    serde_json::from_str::<Value>(&final_text).expect("valid JSON after fixAll");
    s.change(URI, 3, json!([{"text": final_text}]));
    let clean = s.diagnostics(URI, 3);
    assert!(clean.is_empty(), "{clean:?}\n{final_text}");
    assert_eq!(s.stop(), 0);
}

#[test]
fn code_actions_use_changes_without_document_changes_support() {
    let mut s = Server::start();
    s.initialize(json!({}), Value::Null);
    s.open(URI, POLICY);
    let diags = s.diagnostics(URI, 1);
    let version = diags
        .iter()
        .find(|d| d["code"] == "invalid-version")
        .unwrap()
        .clone();
    let actions = s.request("textDocument/codeAction", json!({"textDocument": {"uri": URI}, "range": version["range"], "context": {"diagnostics": [version]}}));
    let quick = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "quickfix")
        .expect("quick fix");
    assert_eq!(
        quick["edit"]["changes"][URI][0]["newText"],
        "\"2012-10-17\""
    );
    assert!(quick["edit"].get("documentChanges").is_none());
    assert_eq!(s.stop(), 0);
}

#[test]
fn hover_on_version_names_the_detected_kind() {
    let mut s = started();
    let uri = "file:///work/keys/main.kms.json";
    let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::111122223333:root\"}, \"Action\": \"kms:*\", \"Resource\": \"*\"}]\n}\n";
    s.open(uri, text);
    let hover = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 5}}),
    );
    let md = hover["contents"]["value"].as_str().unwrap();
    assert!(md.contains("KMS key policy"), "{md}");
    assert!(md.contains("from the file name"), "{md}");
    assert_eq!(hover["range"], range(1, 2, 1, 11));
    let effect = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 20}}),
    );
    assert!(
        effect["contents"]["value"]
            .as_str()
            .unwrap()
            .starts_with("**Effect**"),
        "{effect}"
    );
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
fn symbols_folding_and_selection() {
    let mut s = started();
    s.open(URI, POLICY);
    let symbols = s.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let root = &symbols[0];
    assert_eq!(root["name"], "IAM identity policy");
    let names: Vec<&str> = root["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Version", "Read😀Logs"]);
    let folds = s.request(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": URI}}),
    );
    assert_eq!(folds.as_array().unwrap().len(), 3, "{folds}");
    let sel = s.request(
        "textDocument/selectionRange",
        json!({"textDocument": {"uri": URI}, "positions": [{"line": 6, "character": 20}]}),
    );
    assert_eq!(sel[0]["range"], range(6, 17, 6, 34), "{sel}");
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

/// The UTF-16 position of the first `needle` in `text` (plus `delta` bytes; ASCII lines).
fn pos_of(text: &str, needle: &str, delta: usize) -> Value {
    let at = text.find(needle).expect("needle in text") + delta;
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let character: usize = text[start..at].chars().map(char::len_utf16).sum();
    json!({"line": line, "character": character})
}

fn sorted_labels(res: &Value) -> Vec<String> {
    let items = res.get("items").unwrap_or(res).as_array().unwrap().clone();
    let mut items: Vec<(String, String)> = items
        .iter()
        .map(|it| {
            let label = it["label"].as_str().unwrap().to_string();
            let sort = it["sortText"].as_str().unwrap_or(&label).to_string();
            (sort, label)
        })
        .collect();
    items.sort();
    items.into_iter().map(|(_, l)| l).collect()
}

#[test]
fn condition_key_completion_in_broken_json_ranks_by_use_with_the_actions() {
    let mut s = started();
    let uri = "file:///work/policies/list.iam.json";
    let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:ListBucket\",\n      \"Resource\": \"arn:aws:s3:::b\",\n      \"Condition\": {\"StringLike\": {\"";
    s.open(uri, text);
    let line = text.matches('\n').count();
    let character = text.len() - text.rfind('\n').unwrap() - 1;
    let res = s.request(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
    );
    let labels = sorted_labels(&res);
    // Ranked by how real policies use keys with ListBucket: s3:prefix near the top;
    // global keys of resource policies still offered; other services' keys not.
    let prefix = labels.iter().position(|l| l == "s3:prefix");
    let source_ip = labels.iter().position(|l| l == "aws:SourceIp");
    assert!(
        prefix.is_some_and(|i| i < 5) && source_ip.is_some(),
        "{:?}",
        &labels[..labels.len().min(30)]
    );
    assert!(labels.iter().all(|l| !l.starts_with("ec2:")), "{labels:?}");
    assert_eq!(s.stop(), 0);
}

#[test]
fn completion_documentation_is_resolved_lazily_when_the_client_can() {
    let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:ListBucket\",\n      \"Resource\": \"arn:aws:s3:::b\",\n      \"Condition\": {\"StringLike\": {\"\"}}\n    }\n  ]\n}\n";
    let uri = "file:///work/policies/lazy.iam.json";
    let at = pos_of(text, "{\"\"}", 2);
    let params = json!({"textDocument": {"uri": uri}, "position": at});
    let find = |res: &Value, label: &str| -> Value {
        res["items"]
            .as_array()
            .and_then(|items| items.iter().find(|it| it["label"] == label).cloned())
            .unwrap_or_else(|| panic!("no {label} in {res}"))
    };
    // A client without resolve support gets the documentation in the list.
    let mut s = started();
    s.open(uri, text);
    let eager = find(
        &s.request("textDocument/completion", params.clone()),
        "s3:prefix",
    );
    let doc = eager["documentation"]["value"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(!doc.is_empty());
    assert!(eager.get("data").is_none());
    assert_eq!(s.stop(), 0);

    // One that resolves documentation gets it on request, the same text.
    let mut s = Server::start();
    let mut caps = utf16_caps();
    caps["textDocument"]["completion"] =
        json!({"completionItem": {"resolveSupport": {"properties": ["documentation", "detail"]}}});
    let init = s.initialize(caps, Value::Null);
    assert_eq!(
        init["capabilities"]["completionProvider"]["resolveProvider"],
        true
    );
    s.open(uri, text);
    let lazy = find(
        &s.request("textDocument/completion", params.clone()),
        "s3:prefix",
    );
    assert!(lazy.get("documentation").is_none(), "{lazy}");
    assert!(lazy["detail"].is_string(), "{lazy}");
    let resolved = s.request("completionItem/resolve", lazy.clone());
    assert_eq!(resolved["documentation"]["value"], doc.as_str());
    assert_eq!(resolved["label"], "s3:prefix");
    // After an edit the item is stale: it comes back as it was, without a guess.
    s.change(
        uri,
        2,
        json!([{"text": text.replace("ListBucket", "ListBucketVersions")}]),
    );
    let stale = s.request("completionItem/resolve", lazy.clone());
    assert!(stale.get("documentation").is_none(), "{stale}");
    // Data this server did not make is answered with the item unchanged.
    let foreign = s.request(
        "completionItem/resolve",
        json!({"label": "x", "data": [1, 2, 99999999]}),
    );
    assert_eq!(foreign["label"], "x");
    assert!(foreign.get("documentation").is_none());
    let junk = s.request(
        "completionItem/resolve",
        json!({"label": "y", "data": [1, 2]}),
    );
    assert_eq!(junk["label"], "y");
    assert_eq!(s.stop(), 0);
}

const ANNOTATED: &str = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": [\"s3:GetObject\", \"s3:List*\"],\n      \"Resource\": \"*\",\n      \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": \"203.0.113.0/24\"}, \"StringEquals\": {\"s3:prefix\": \"home/\"}}\n    },\n    {\n      \"Effect\": \"Deny\",\n      \"Action\": \"*\",\n      \"Resource\": \"*\",\n      \"Condition\": {\"Bool\": {\"aws:MultiFactorAuthPresent\": \"false\"}}\n    }\n  ]\n}\n";

#[test]
fn hover_on_an_action_and_a_condition_key() {
    let mut s = started();
    s.open(URI, ANNOTATED);
    let action = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": pos_of(ANNOTATED, "s3:GetObject", 4)}),
    );
    let md = action["contents"]["value"].as_str().unwrap();
    assert!(md.contains("GetObject"), "{md}");
    assert!(md.contains("Service Authorization Reference"), "{md}");
    let key = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": pos_of(ANNOTATED, "aws:SourceIp", 5)}),
    );
    let md = key["contents"]["value"].as_str().unwrap();
    assert!(md.contains("aws:SourceIp"), "{md}");
    assert!(md.contains("IP"), "{md}");
    assert_eq!(s.stop(), 0);
}

#[test]
fn code_lenses_inlay_hints_and_document_links() {
    let mut s = Server::start();
    let res = s.initialize(utf16_caps(), Value::Null)["capabilities"].clone();
    assert_eq!(res["codeLensProvider"]["resolveProvider"], false);
    assert_eq!(res["inlayHintProvider"], true);
    assert_eq!(res["documentFormattingProvider"], true);
    assert_eq!(res["documentRangeFormattingProvider"], true);
    assert!(res["documentLinkProvider"].is_object());
    s.open(URI, ANNOTATED);

    let lenses = s.request(
        "textDocument/codeLens",
        json!({"textDocument": {"uri": URI}}),
    );
    let lenses = lenses.as_array().unwrap();
    let titles: Vec<&str> = lenses
        .iter()
        .map(|l| l["command"]["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(
        titles[0].starts_with("Allow: ")
            && titles[0].contains(" List")
            && titles[0].contains("1 Read"),
        "{titles:?}"
    );
    assert_eq!(titles[1], "Deny: all actions");
    assert_eq!(
        lenses[0]["range"]["start"],
        json!({"line": 3, "character": 4})
    );

    let hints = s.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": URI}, "range": range(0, 0, 20, 0)}),
    );
    let hints = hints.as_array().unwrap();
    assert_eq!(hints.len(), 2, "{hints:?}");
    assert_eq!(hints[0]["position"], pos_of(ANNOTATED, "\"s3:List*\"", 10));
    assert!(
        hints[0]["label"].as_str().unwrap().ends_with(" actions"),
        "{hints:?}"
    );
    assert_eq!(hints[0]["paddingLeft"], true);
    assert!(
        hints[1]["label"].as_str().unwrap().starts_with("all "),
        "{hints:?}"
    );
    // Only the requested range.
    let none = s.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": URI}, "range": range(0, 0, 1, 0)}),
    );
    assert_eq!(none, json!([]));

    let links = s.request(
        "textDocument/documentLink",
        json!({"textDocument": {"uri": URI}}),
    );
    let links = links.as_array().unwrap();
    let find = |needle: &str| {
        let start = pos_of(ANNOTATED, needle, 0);
        links
            .iter()
            .find(|l| l["range"]["start"] == start)
            .unwrap_or_else(|| panic!("no link at {needle}: {links:?}"))["target"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(find("s3:GetObject").starts_with("https://docs.aws.amazon.com/"));
    assert!(find("s3:List*").starts_with("https://docs.aws.amazon.com/"));
    assert_eq!(
        find("aws:SourceIp"),
        "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html"
    );
    assert_eq!(find("s3:prefix"), find("s3:List*"));
    assert_eq!(s.stop(), 0);
}

#[test]
fn formatting_round_trip() {
    let mut s = started();
    let text = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"caf\\u00e9 😀\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\"],\"Resource\":\"*\",\"Condition\":{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":3.6e3}}}]}";
    s.open(URI, text);
    let options = json!({"tabSize": 4, "insertSpaces": true});
    let edits = s.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": URI}, "options": options}),
    );
    let edits = edits.as_array().unwrap();
    assert_eq!(edits.len(), 1);
    let formatted = apply_edits(text, edits);
    assert_eq!(
        serde_json::from_str::<Value>(&formatted).unwrap(),
        serde_json::from_str::<Value>(text).unwrap()
    );
    assert!(
        formatted.contains("\n    \"Statement\": [\n        {\n"),
        "{formatted}"
    );
    assert!(
        formatted.contains("\"caf\\u00e9 😀\"") && formatted.contains("3.6e3"),
        "{formatted}"
    );
    assert!(
        formatted.contains("\"Action\": [\"s3:GetObject\", \"s3:PutObject\"],"),
        "{formatted}"
    );
    s.change(URI, 2, json!([{"text": formatted}]));
    let again = s.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": URI}, "options": options}),
    );
    assert_eq!(again, json!([]), "formatting is idempotent");

    // Range formatting reformats the statement under the cursor only.
    let messy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}\n  ]\n}\n";
    s.change(URI, 3, json!([{"text": messy}]));
    let edits = s.request(
        "textDocument/rangeFormatting",
        json!({"textDocument": {"uri": URI}, "range": range(3, 10, 3, 10), "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let out = apply_edits(messy, edits.as_array().unwrap());
    assert_eq!(out, "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:GetObject\",\n      \"Resource\": \"*\"\n    }\n  ]\n}\n");

    // Never formats broken JSON.
    s.change(
        URI,
        4,
        json!([{"text": "{\"Version\": \"2012-10-17\", \"Statement\": [{"}]),
    );
    let none = s.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": URI}, "options": options}),
    );
    assert_eq!(none, json!([]));
    assert_eq!(s.stop(), 0);
}

/// Formatting stays off for host files: a CloudFormation template (YAML or JSON), a
/// Terraform file and a JSON policy template get no edits from formatting or range
/// formatting, however they are spaced, though they are analysed (the typo is reported).
/// Only a standalone policy JSON is formatted.
#[test]
fn formatting_leaves_host_files_alone() {
    let mut s = started();
    let yaml = "AWSTemplateFormatVersion:   \"2010-09-09\"\nResources:\n  Role:\n    Type:    AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRolee\"}]}\n";
    let cfn_json = "{\"AWSTemplateFormatVersion\":\"2010-09-09\",\"Resources\":{\"P\":{\"Type\":\"AWS::IAM::ManagedPolicy\",\"Properties\":{\"PolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObjectt\",\"Resource\":\"*\"}]}}}}}";
    let tf = "resource \"aws_iam_policy\" \"p\" {\n  policy = jsonencode({Version=\"2012-10-17\",Statement=[{Effect=\"Allow\",Action=\"s3:GetObjectt\",Resource=\"*\"}]})\n}\n";
    let tpl = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObjectt\",\"Resource\":\"arn:aws:s3:::${bucket}/*\"}]}";
    let docs = [
        (
            "file:///work/infra/template.yaml",
            "yaml",
            yaml,
            "sts:AssumeRolee",
        ),
        (
            "file:///work/infra/template.json",
            "json",
            cfn_json,
            "s3:GetObjectt",
        ),
        (
            "file:///work/infra/main.tf",
            "terraform",
            tf,
            "s3:GetObjectt",
        ),
        (
            "file:///work/infra/read.json.tpl",
            "plaintext",
            tpl,
            "s3:GetObjectt",
        ),
    ];
    let options = json!({"tabSize": 2, "insertSpaces": true});
    for (uri, lang, text, typo) in docs {
        s.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": lang, "version": 1, "text": text}}),
        );
        let diags = s.diagnostics(uri, 1);
        let at = pos_of(text, typo, 0);
        assert!(
            diags
                .iter()
                .any(|d| d["code"] == "unknown-action" && d["range"]["start"] == at),
            "{uri}: the typo is reported, so the file is analysed as a host: {diags:?}"
        );
        let edits = s.request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": options}),
        );
        assert_eq!(edits, json!([]), "{uri}: formatting returns no edits");
        let edits = s.request(
            "textDocument/rangeFormatting",
            json!({"textDocument": {"uri": uri}, "range": {"start": at, "end": at}, "options": options}),
        );
        assert_eq!(edits, json!([]), "{uri}: range formatting returns no edits");
    }
    // The same policy as a standalone JSON file is formatted.
    let uri = "file:///work/infra/read.json";
    s.open(uri, tpl);
    let edits = s.request(
        "textDocument/formatting",
        json!({"textDocument": {"uri": uri}, "options": options}),
    );
    assert_eq!(edits.as_array().map(Vec::len), Some(1), "{edits}");
    assert_eq!(s.stop(), 0);
}

/// Code actions at `at` (a needle in `text`) with the diagnostics the server published.
fn actions_at(s: &mut Server, uri: &str, text: &str, at: &str, version: i64) -> Vec<Value> {
    let diags = s.diagnostics(uri, version);
    let p = pos_of(text, at, 1);
    let res = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": p, "end": p}, "context": {"diagnostics": diags}}),
    );
    res.as_array().unwrap().clone()
}

/// Applies the first action titled `title` client-side and returns the new text.
fn apply_action(text: &str, actions: &[Value], title: &str) -> String {
    let action = actions
        .iter()
        .find(|a| a["title"] == title)
        .unwrap_or_else(|| panic!("no action {title:?} in {actions:?}"));
    let edits = action["edit"]["documentChanges"][0]["edits"]
        .as_array()
        .unwrap();
    let fixed = apply_edits(text, edits);
    serde_json::from_str::<Value>(&fixed).expect("valid JSON after the fix");
    fixed
}

#[test]
fn quick_fixes_for_typos_operators_and_resources() {
    let mut s = started();
    let uri = "file:///work/policies/app.iam.json";
    let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": [\"s3:GetObjct\", \"s3:PutObject\"],\n      \"Resource\": \"arn:aws:s3:::bucket\",\n      \"Condition\": {\"StringEquals\": {\"aws:SourceIp\": \"203.0.113.7\"}}\n    }\n  ]\n}\n";
    s.open(uri, text);
    let actions = actions_at(&mut s, uri, text, "GetObjct", 1);
    let typo = actions
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["diagnostics"][0]["code"] == "unknown-action")
        .expect("did-you-mean quick fix");
    assert_eq!(typo["kind"], "quickfix");
    let title = typo["title"].as_str().unwrap().to_string();
    assert!(title.contains("s3:GetObject"), "{title}");
    let text2 = apply_action(text, &actions, &title);
    s.change(uri, 2, json!([{"text": text2}]));

    let actions = actions_at(&mut s, uri, &text2, "aws:SourceIp", 2);
    let text3 = apply_action(&text2, &actions, "Change the operator to \"IpAddress\"");
    assert!(
        text3.contains("{\"IpAddress\": {\"aws:SourceIp\""),
        "{text3}"
    );
    s.change(uri, 3, json!([{"text": text3}]));

    let actions = actions_at(&mut s, uri, &text3, "s3:PutObject", 3);
    let widen = actions
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["diagnostics"][0]["code"] == "resource-mismatch")
        .expect("resource fix");
    assert!(
        widen.get("isPreferred").is_none(),
        "unsafe fixes are not preferred"
    );
    let text4 = apply_action(&text3, &actions, widen["title"].as_str().unwrap());
    assert!(
        text4.contains("[\"arn:aws:s3:::bucket\", \"arn:aws:s3:::bucket/*\"]"),
        "{text4}"
    );
    s.change(uri, 4, json!([{"text": text4}]));
    let left = s.diagnostics(uri, 4);
    let codes: Vec<String> = summary(&left).into_iter().map(|d| d.0).collect();
    for gone in [
        "unknown-action",
        "operator-type-mismatch",
        "resource-mismatch",
    ] {
        assert!(!codes.iter().any(|c| c == gone), "{codes:?}\n{text4}");
    }
    assert_eq!(s.stop(), 0);
}

#[test]
fn statement_insertions_for_bucket_and_key_policies() {
    let mut s = started();
    let bucket_uri = "file:///work/policies/site.bucket-policy.json";
    let bucket = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:root\"},\n      \"Action\": \"s3:GetObject\",\n      \"Resource\": \"arn:aws:s3:::assets/*\"\n    }\n  ]\n}\n";
    s.open(bucket_uri, bucket);
    // On the governance diagnostic: its quick fix.
    let diags = s.diagnostics(bucket_uri, 1);
    let missing = diags
        .iter()
        .find(|d| d["code"] == "s3-missing-secure-transport")
        .expect("s3-missing-secure-transport")
        .clone();
    let res = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": bucket_uri}, "range": missing["range"], "context": {"diagnostics": [missing]}}),
    );
    let actions = res.as_array().unwrap().clone();
    let title = "Add a statement denying insecure transport (HTTP)";
    let action = actions
        .iter()
        .find(|a| a["title"] == title)
        .expect("offered");
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(
        action["diagnostics"][0]["code"],
        "s3-missing-secure-transport"
    );
    let fixed = apply_action(bucket, &actions, title);
    assert!(
        fixed.contains(
            "\n    {\n      \"Sid\": \"DenyInsecureTransport\",\n      \"Effect\": \"Deny\","
        ),
        "{fixed}"
    );
    assert!(
        fixed.contains("\"aws:SecureTransport\": \"false\""),
        "{fixed}"
    );
    // Elsewhere: a refactoring, not attached to anything.
    let p = pos_of(bucket, "Version", 1);
    let res = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": bucket_uri}, "range": {"start": p, "end": p}, "context": {"diagnostics": []}}),
    );
    let elsewhere = res
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == title)
        .expect("offered")
        .clone();
    assert_eq!(elsewhere["kind"], "refactor");
    s.change(bucket_uri, 2, json!([{"text": fixed}]));
    let left = s.diagnostics(bucket_uri, 2);
    assert!(
        summary(&left)
            .iter()
            .all(|d| d.0 != "s3-missing-secure-transport"),
        "{left:?}"
    );
    let p = pos_of(&fixed, "Version", 1);
    let after = s.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": bucket_uri}, "range": {"start": p, "end": p}, "context": {"diagnostics": left}}),
    );
    let after = after.as_array().unwrap();
    assert!(after.iter().all(|a| a["title"] != title), "{after:?}");

    let key_uri = "file:///work/keys/app.kms.json";
    let key = "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"AWS\": \"arn:aws:iam::444455556666:role/App\"}, \"Action\": \"kms:Decrypt\", \"Resource\": \"*\"}]}";
    s.open(key_uri, key);
    let actions = actions_at(&mut s, key_uri, key, "Version", 1);
    let fixed = apply_action(
        key,
        &actions,
        "Add an account-root administration statement for account 444455556666",
    );
    assert!(
        fixed.contains("{\"AWS\": \"arn:aws:iam::444455556666:root\"}, \"Action\": \"kms:*\""),
        "{fixed}"
    );
    assert_eq!(s.stop(), 0);
}

#[test]
fn formatting_is_idempotent_on_every_example() {
    let mut s = started();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let mut formatted_files = 0;
    let mut version = 1;
    for (i, path) in paths.iter().enumerate() {
        let text = std::fs::read_to_string(path).unwrap();
        let uri = format!(
            "file:///work/examples/{i}/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        s.open(&uri, &text);
        for options in [
            json!({"tabSize": 2, "insertSpaces": true}),
            json!({"tabSize": 4, "insertSpaces": false}),
        ] {
            let format = |s: &mut Server| {
                s.request(
                    "textDocument/formatting",
                    json!({"textDocument": {"uri": uri}, "options": options}),
                )
            };
            let edits = format(&mut s);
            let Ok(original) = serde_json::from_str::<Value>(&text) else {
                assert_eq!(edits, json!([]), "{path:?} has syntax errors");
                continue;
            };
            let once = apply_edits(&text, edits.as_array().unwrap());
            assert_eq!(
                serde_json::from_str::<Value>(&once).unwrap(),
                original,
                "{path:?}"
            );
            version += 1;
            s.change(&uri, version, json!([{"text": once}]));
            assert_eq!(
                format(&mut s),
                json!([]),
                "{path:?} not idempotent:\n{once}"
            );
            version += 1;
            s.change(&uri, version, json!([{"text": text}]));
            formatted_files += 1;
        }
    }
    assert!(formatted_files >= 30, "{formatted_files}");
    assert_eq!(s.stop(), 0);
}

/// A `policy-lsp.toml` next to the document applies (editor settings win over it); a
/// broken one gives one message and defaults; fixing it takes effect on the next change.
#[test]
fn config_file_next_to_the_document() {
    let dir = std::env::temp_dir().join(format!("policy-lsp-proto-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let policy = dir.join("p.iam.json");
    let uri = format!("file://{}", policy.display());
    let cfg = dir.join("policy-lsp.toml");
    std::fs::write(
        &cfg,
        "[rules]\ninvalid-effect = \"off\"\ninvalid-sid = \"hint\"\n",
    )
    .expect("write config");
    let text = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "a-b", "Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]}"#;
    let mut s = Server::start();
    s.initialize(
        utf16_caps(),
        json!({"policyLsp": {"rules": {"invalid-sid": "warning"}}}),
    );
    s.open(&uri, text);
    let diags = s.diagnostics(&uri, 1);
    let codes: Vec<(String, i64)> = diags
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap_or("").to_string(),
                d["severity"].as_i64().unwrap_or(0),
            )
        })
        .collect();
    assert_eq!(
        codes,
        vec![("invalid-sid".to_string(), 2)],
        "file turns invalid-effect off; the editor's level for invalid-sid wins"
    );
    // Broken config: one message, defaults apply.
    std::fs::write(&cfg, "[rules]\ninvalid-effect = \"loud\"\n").expect("write config");
    // Make sure the modification time differs from the first write.
    let later = std::time::SystemTime::now() + std::time::Duration::from_secs(2);
    let f = std::fs::File::options()
        .write(true)
        .open(&cfg)
        .expect("open");
    f.set_modified(later).expect("set mtime");
    files_changed(&mut s, &cfg);
    s.change(&uri, 2, json!([{"range": range(0, 0, 0, 0), "text": " "}]));
    let msg = s.wait_for("config error message", |m| {
        m["method"] == "window/showMessage"
    });
    let text_msg = msg["params"]["message"].as_str().unwrap_or("").to_string();
    assert!(
        text_msg.contains("policy-lsp.toml:2") && text_msg.contains("loud"),
        "{text_msg}"
    );
    let diags = s.diagnostics(&uri, 2);
    assert!(
        diags.iter().any(|d| d["code"] == "invalid-effect"),
        "defaults after a broken config: {diags:?}"
    );
    // Fixed again.
    std::fs::write(&cfg, "[rules]\ninvalid-effect = \"off\"\n").expect("write config");
    let f = std::fs::File::options()
        .write(true)
        .open(&cfg)
        .expect("open");
    f.set_modified(later + std::time::Duration::from_secs(2))
        .expect("set mtime");
    files_changed(&mut s, &cfg);
    s.change(&uri, 3, json!([{"range": range(0, 0, 0, 0), "text": " "}]));
    let diags = s.diagnostics(&uri, 3);
    assert!(
        !diags.iter().any(|d| d["code"] == "invalid-effect"),
        "{diags:?}"
    );
    assert_eq!(s.stop(), 0);
}

/// What a client that watches files sends after `path` changed.
fn files_changed(s: &mut Server, path: &std::path::Path) {
    s.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}", path.display()), "type": 2}]}),
    );
}

/// A client that can watch files is asked to watch the config file names and the notes
/// paths; a config change it reports is applied to the open documents at once.
#[test]
fn watched_config_and_notes_files() {
    let dir = std::env::temp_dir().join(format!("policy-lsp-proto-watch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let cfg = dir.join("policy-lsp.toml");
    std::fs::write(&cfg, "[notes]\npaths = [\"notes/\"]\n").expect("write config");
    let uri = format!("file://{}", dir.join("p.iam.json").display());
    let text = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]}"#;
    let mut s = Server::start();
    s.initialize(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        json!({}),
    );
    s.open(&uri, text);
    let first = s.diagnostics(&uri, 1);
    assert!(
        first.iter().any(|d| d["code"] == "invalid-effect"),
        "{first:?}"
    );
    // The last registration asked for (the client's requests are answered as they come).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let reg = loop {
        let _ = s.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
        );
        let last = s.server_requests.iter().rev().find(|m| {
            m["method"] == "client/registerCapability"
                && m["params"].to_string().contains("notes/**")
        });
        if let Some(m) = last {
            break m.clone();
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{:?}",
            s.server_requests
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let registration = &reg["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    let globs: Vec<&str> = registration["registerOptions"]["watchers"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w["globPattern"].as_str())
        .collect();
    let notes_glob = format!("{}/notes/**/*.md", dir.display());
    assert!(
        globs.contains(&"**/policy-lsp.toml") && globs.contains(&notes_glob.as_str()),
        "{globs:?}"
    );
    std::fs::write(&cfg, "[rules]\ninvalid-effect = \"off\"\n").expect("write config");
    let f = std::fs::File::options()
        .write(true)
        .open(&cfg)
        .expect("open");
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(3))
        .expect("set mtime");
    files_changed(&mut s, &cfg);
    // Re-published for the same version, with the new config.
    let again = s.diagnostics(&uri, 1);
    assert!(
        again.iter().all(|d| d["code"] != "invalid-effect"),
        "{again:?}"
    );
    assert_eq!(s.stop(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A client that cannot watch files: the server notices a changed config by itself.
#[test]
fn config_files_are_polled_when_the_client_cannot_watch() {
    let dir = std::env::temp_dir().join(format!("policy-lsp-proto-poll-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    let uri = format!("file://{}", dir.join("p.iam.json").display());
    let text = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]}"#;
    let mut s = started();
    s.open(&uri, text);
    let first = s.diagnostics(&uri, 1);
    assert!(
        first.iter().any(|d| d["code"] == "invalid-effect"),
        "{first:?}"
    );
    std::fs::write(
        dir.join(".policy-lsp.toml"),
        "[rules]\ninvalid-effect = \"off\"\n",
    )
    .expect("write config");
    let again = s.diagnostics(&uri, 1);
    assert!(
        again.iter().all(|d| d["code"] != "invalid-effect"),
        "{again:?}"
    );
    assert_eq!(s.stop(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Hover appends the team's notes (from `[notes] paths` in policy-lsp.toml) that match
/// the hovered action or key; notes files are re-read when they change.
#[test]
fn hover_shows_matching_team_notes() {
    let dir = std::env::temp_dir().join(format!("policy-lsp-proto-notes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("policy-lsp.toml"),
        "[notes]\npaths = [\"team.md\"]\n",
    )
    .expect("write config");
    let notes = "# Our rules\n\n## Cloud Trail\n\nTrails stay on in every account; only the audit team may touch them.\n\n## KMS\n\nKeys are customer managed.\n\nkms:GenerateDataKey (client-side envelope encryption)/kms:Decrypt\n\n## S3\n\nEncryption Type:\n\n- SSE-S3: keys handled by S3\n- SSE-KMS: keys in KMS\n\n## AWS GuardDuty\n\nDetectors run in every region, managed by the security account.\n";
    std::fs::write(dir.join("team.md"), notes).expect("write notes");
    let policy = dir.join("app.iam.json");
    let uri = format!("file://{}", policy.display());
    let text = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["kms:GenerateDataKey", "cloudtrail:LookupEvents", "guardduty:GetFindings", "s3:PutObject"], "Resource": "*", "Condition": {"StringEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}}]}"#;
    let mut s = Server::start();
    s.initialize(utf16_caps(), json!({}));
    s.open(&uri, text);
    s.diagnostics(&uri, 1);
    let hover_at = |s: &mut Server, needle: &str| -> String {
        let res = s.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": pos_of(text, needle, 2)}),
        );
        res["contents"]["value"].as_str().unwrap_or("").to_string()
    };
    let md = hover_at(&mut s, "\"kms:GenerateDataKey\"");
    assert!(md.contains("**Notes: KMS** ([team.md:"), "{md}");
    assert!(
        md.contains("kms:GenerateDataKey (client-side envelope encryption)"),
        "{md}"
    );
    let md = hover_at(&mut s, "\"s3:x-amz-server-side-encryption\"");
    assert!(md.contains("- SSE-KMS: keys in KMS"), "{md}");
    let md = hover_at(&mut s, "\"cloudtrail:LookupEvents\"");
    assert!(md.contains("Trails stay on in every account"), "{md}");
    let md = hover_at(&mut s, "\"guardduty:GetFindings\"");
    assert!(md.contains("Detectors run in every region"), "{md}");
    // The built-in notes follow the team's.
    assert!(md.contains("(policy-lsp notes)"), "{md}");
    // Edited notes are picked up without a restart, once the client says they changed.
    std::fs::write(
        dir.join("team.md"),
        notes.replace("Detectors run in every region", "Detectors are mandatory"),
    )
    .expect("rewrite notes");
    let md = hover_at(&mut s, "\"guardduty:GetFindings\"");
    assert!(
        md.contains("Detectors run in every region"),
        "a hover reads no file: {md}"
    );
    files_changed(&mut s, &dir.join("team.md"));
    let md = hover_at(&mut s, "\"guardduty:GetFindings\"");
    assert!(md.contains("Detectors are mandatory"), "{md}");
    // A deleted notes file gives a message, not a crash.
    std::fs::remove_file(dir.join("team.md")).expect("rm");
    files_changed(&mut s, &dir.join("team.md"));
    let md = hover_at(&mut s, "\"guardduty:GetFindings\"");
    assert!(md.contains("guardduty"), "{md}");
    let msg = s.wait_for("notes message", |m| m["method"] == "window/showMessage");
    assert!(
        msg["params"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("team.md"),
        "{msg}"
    );
    assert_eq!(s.stop(), 0);
}

/// What `policy-lsp explain RULE` prints when run in `dir`.
fn explained_by_cli(dir: &std::path::Path, rule: &str) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_policy-lsp"))
        .args(["explain", rule])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn explain_command_answers_what_the_cli_prints() {
    let dir = std::env::temp_dir().join(format!("policy-lsp-proto-explain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(
        dir.join("policy-lsp.toml"),
        "[notes]\npaths = [\"team.md\"]\n",
    )
    .expect("write config");
    std::fs::write(
        dir.join("team.md"),
        "# Ours\n\n## KMS\n\nKey admins are the platform team.\n",
    )
    .expect("write notes");
    let uri = format!("file://{}", dir.join("key.kms.json").display());
    let mut s = Server::start();
    let res = s.initialize(utf16_caps(), json!({}));
    assert_eq!(
        res["capabilities"]["executeCommandProvider"]["commands"],
        json!(["policyLsp.explain"])
    );
    s.open(&uri, r#"{"Version": "2012-10-17", "Statement": []}"#);
    s.diagnostics(&uri, 1);
    let explain = |s: &mut Server, args: Value| {
        s.request_raw(
            "workspace/executeCommand",
            json!({"command": "policyLsp.explain", "arguments": args}),
        )
    };
    // With the document: its config's notes, as the CLI run in its folder finds them.
    let md = explain(&mut s, json!(["kms-no-root-admin", uri]))["result"].clone();
    let cli = explained_by_cli(&dir, "kms-no-root-admin");
    assert!(cli.contains("Key admins are the platform team."), "{cli}");
    assert_eq!(md.as_str(), Some(cli.as_str()));
    // Without a document: the built-in notes only.
    let root = std::env::temp_dir();
    let md = explain(&mut s, json!(["kms-no-root-admin"]))["result"].clone();
    assert_eq!(
        md.as_str(),
        Some(explained_by_cli(&root, "kms-no-root-admin").as_str())
    );
    let md = explain(&mut s, json!(["unknown-action"]))["result"].clone();
    assert!(
        md.as_str()
            .is_some_and(|m| m.starts_with("# unknown-action: ")),
        "{md}"
    );
    // Unknown rules and missing arguments are InvalidParams, and the server goes on.
    for args in [json!(["no-such-rule"]), json!([])] {
        let res = explain(&mut s, args);
        assert_eq!(res["error"]["code"], -32602, "{res}");
    }
    let res = s.request_raw("workspace/executeCommand", json!({"command": "nope"}));
    assert_eq!(res["error"]["code"], -32602, "{res}");
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(s.stop(), 0);
}
