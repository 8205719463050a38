//! One config schema (issue #17): `policy-lsp.toml` and the editor settings are read by
//! one reader (`policy_lsp::config::read`), and `schemas/config.schema.json` describes it
//! for editors. This test keeps the three in step: every setting the JSON Schema
//! describes is read without an "unknown" problem, and the VS Code extension contributes
//! it as a `policyLsp.*` setting and sends it to the server.

use serde_json::{json, Map, Value};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

fn read_json(rel: &str) -> Value {
    let p = root().join(rel);
    let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The schema's settings: a section, or `section.key` for a section whose keys are
/// described one by one (notes, catalog); with the sub-schema.
fn schema_settings() -> Vec<(String, Value)> {
    let schema = read_json("schemas/config.schema.json");
    let props = schema["properties"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    assert!(props.len() >= 6, "config schema sections: {props:?}");
    let mut out = Vec::new();
    for (section, sub) in props {
        match sub["properties"].as_object() {
            Some(keys) if section != "governance" => out.extend(
                keys.iter()
                    .map(|(k, v)| (format!("{section}.{k}"), v.clone())),
            ),
            _ => out.push((section, sub)),
        }
    }
    out
}

/// A value of the sub-schema's shape that the reader accepts.
fn sample(name: &str, sub: &Value) -> Value {
    if let Some(first) = sub["enum"].as_array().and_then(|e| e.first()) {
        return first.clone();
    }
    match (name, sub["type"].as_str()) {
        ("rules", _) => json!({"action-case": "off"}),
        ("kinds", _) => json!({"keys/*.json": "kms-key"}),
        ("ignore", _) => json!([{"path": "x/**", "rules": ["action-case"], "reason": "r"}]),
        ("governance", _) => json!({"trusted-accounts": ["111122223333"], "github-allowed": "o"}),
        (_, Some("boolean")) => json!(true),
        (_, Some("array")) => json!(["x:Y"]),
        _ => json!("x"),
    }
}

#[test]
fn every_schema_setting_is_read_by_the_one_reader() {
    let mut obj = Map::new();
    for (name, sub) in schema_settings() {
        let value = sample(&name, &sub);
        match name.split_once('.') {
            Some((section, key)) => {
                let s = obj.entry(section).or_insert_with(|| json!({}));
                s[key] = value;
            }
            None => {
                obj.insert(name, value);
            }
        }
    }
    let (config, problems) = policy_lsp::config::read::read(&obj, Some(Path::new("/ws")), &[]);
    assert_eq!(problems, vec![], "read from {obj:#?}");
    assert_eq!(
        (config.rules.len(), config.kinds.len(), config.ignores.len()),
        (1, 1, 1)
    );
    assert!(!config.extra_actions.is_empty() && config.catalog_file.is_some());
    assert_eq!(config.governance.trusted_accounts, ["111122223333"]);
}

#[test]
fn vscode_contributes_and_sends_every_schema_setting() {
    let package = read_json("editors/vscode/package.json");
    let contributed = package["contributes"]["configuration"]["properties"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let client =
        std::fs::read_to_string(root().join("editors/vscode/src/client.ts")).expect("client.ts");
    let missing: Vec<String> = schema_settings()
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| {
            !contributed.contains_key(&format!("policyLsp.{name}"))
                || !client.contains(&format!("('{name}'"))
        })
        .collect();
    assert_eq!(
        missing,
        Vec::<String>::new(),
        "settings in schemas/config.schema.json that editors/vscode/package.json does not contribute or src/client.ts (settingsObject) does not send"
    );
}
