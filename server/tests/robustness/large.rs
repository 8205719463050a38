//! Large input: a 10 MB policy, 100,000-deep nesting, and deep and huge host templates.

use super::{big_policy, started, URI};
use crate::common::{range, SLOW_TIMEOUT};
use serde_json::json;

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
