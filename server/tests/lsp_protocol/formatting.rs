//! Formatting: whole documents and ranges, host files left alone, idempotence on
//! every example.

use super::{apply_edits, pos_of, started, URI};
use crate::common::{range, Server};
use serde_json::{json, Value};

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
