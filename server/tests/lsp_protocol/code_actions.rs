//! Code actions: quick fixes applied client-side, with and without `documentChanges`,
//! and the statements offered for bucket and key policies.

use super::{apply_edits, pos_of, started, summary, POLICY, URI};
use crate::common::{range, Server};
use serde_json::{json, Value};

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
