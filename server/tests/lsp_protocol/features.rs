//! Reading a document: hover, completion, symbols, folding, selection ranges, code
//! lenses, inlay hints and document links.

use super::{pos_of, started, utf16_caps, POLICY, URI};
use crate::common::{range, Server};
use serde_json::{json, Value};

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
