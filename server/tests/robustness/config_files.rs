//! Config and notes files that change, break and come back while the server runs.

use super::{started, POLICY};
use crate::common::{range, Server};
use serde_json::{json, Value};
use std::time::Duration;

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
