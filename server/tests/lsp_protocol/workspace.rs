//! Files beside the document: the config file (found, watched or polled), team notes
//! on hover, and `explain` answered as the CLI prints it.

use super::{pos_of, started, utf16_caps};
use crate::common::{range, Server};
use serde_json::{json, Value};

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
