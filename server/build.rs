//! Splits the embedded catalog (`data/catalog.json`, committed as the conversion script
//! writes it) into two texts for `include_str!`: the services without their actions,
//! each with `"actions_at": [start, end]`, and every service's actions one after the
//! other in a compact form (below). Reading the catalog at start-up then parses the
//! small first text only; a service's actions are read on first use, from its slice of
//! the second text.
//!
//! The compact form exists because reading actions as JSON was an eighth of checking
//! all AWS managed policies: every policy names a few services, so nearly all 22,000
//! actions get read. Splitting on separator characters, with no escapes to undo, is
//! several times faster. Layout, with the ASCII separator controls:
//! - actions are separated by RS (0x1E);
//! - an action's seven fields, by US (0x1F): name, access level, description, url,
//!   resource-type rows, condition keys, dependent actions;
//! - items of a list field, by GS (0x1D); an empty field is an empty list;
//! - a row's parts, by FS (0x1C): resource type, `1` or `0` (required), and the row's
//!   condition keys separated by ESC (0x1B), the last part left out when there are none.
//!
//! The build fails, saying where, if the data has a value of another shape than
//! `Actions::parse` reads, or a string holding one of these five characters.

use serde_json::Value;
use std::path::PathBuf;

const RS: char = '\u{1e}';
const US: char = '\u{1f}';
const GS: char = '\u{1d}';
const FS: char = '\u{1c}';
const ESC: char = '\u{1b}';

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it"));
    let src = manifest.join("data/catalog.json");
    println!("cargo:rerun-if-changed=data/catalog.json");
    println!("cargo:rerun-if-changed=build.rs");
    let text = std::fs::read_to_string(&src)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", src.display()));
    let mut catalog: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", src.display()));
    let mut actions = String::with_capacity(text.len());
    let services = catalog
        .get_mut("services")
        .and_then(Value::as_array_mut)
        .unwrap_or_else(|| panic!("{} has no services array", src.display()));
    for service in services {
        let Some(obj) = service.as_object_mut() else {
            continue; // left for the catalog reader to report
        };
        let prefix = obj
            .get("prefix")
            .and_then(Value::as_str)
            .unwrap_or("?")
            .to_string();
        if let Some(list) = obj.remove("actions") {
            let start = actions.len();
            let list = list
                .as_array()
                .unwrap_or_else(|| panic!("actions of {prefix} are not an array"));
            for (i, action) in list.iter().enumerate() {
                if i > 0 {
                    actions.push(RS);
                }
                compact_action(&prefix, action, &mut actions);
            }
            obj.insert(
                "actions_at".to_string(),
                serde_json::json!([start, actions.len()]),
            );
        }
    }
    write(&out.join("catalog-services.json"), &catalog.to_string());
    write(&out.join("catalog-actions.txt"), &actions);
}

/// Appends one action in the compact form.
fn compact_action(prefix: &str, action: &Value, out: &mut String) {
    let obj = action
        .as_object()
        .unwrap_or_else(|| panic!("an action of {prefix} is not an object"));
    let name = obj.get("n").and_then(Value::as_str).unwrap_or_else(|| {
        panic!("an action of {prefix} has no name (\"n\")");
    });
    let at = format!("{prefix}:{name}");
    let string = |key: &str, required: bool| -> String {
        match obj.get(key) {
            Some(Value::String(s)) => checked(&at, s).to_string(),
            None if !required => String::new(),
            _ => panic!("{at}: \"{key}\" is not a string"),
        }
    };
    let strings = |v: Option<&Value>, what: &str| -> Vec<String> {
        match v {
            None => Vec::new(),
            Some(Value::Array(items)) => items
                .iter()
                .map(|s| match s.as_str() {
                    Some(s) if !s.is_empty() => checked(&at, s).to_string(),
                    _ => panic!("{at}: {what} holds an empty string or a non-string"),
                })
                .collect(),
            Some(_) => panic!("{at}: {what} is not an array"),
        }
    };
    let mut rows = Vec::new();
    for row in obj
        .get("r")
        .map(|r| {
            r.as_array()
                .unwrap_or_else(|| panic!("{at}: \"r\" is not an array"))
        })
        .into_iter()
        .flatten()
    {
        let parts = row
            .as_array()
            .unwrap_or_else(|| panic!("{at}: a resource row is not an array"));
        let rt = match parts.first().and_then(Value::as_str) {
            Some(s) if !s.is_empty() => checked(&at, s),
            _ => panic!("{at}: a resource row has no resource type"),
        };
        let required = match parts.get(1) {
            Some(Value::Bool(b)) => *b,
            Some(Value::Number(n)) if n.as_u64().is_some() => n.as_u64() != Some(0),
            _ => panic!("{at}: resource row {rt} has no required flag (bool or 0/1)"),
        };
        let keys = strings(parts.get(2), "a resource row's keys");
        if parts.len() > 3 {
            panic!("{at}: resource row {rt} has more than three parts");
        }
        let mut r = format!("{rt}{FS}{}", if required { '1' } else { '0' });
        if !keys.is_empty() {
            r.push(FS);
            r.push_str(&keys.join(&ESC.to_string()));
        }
        rows.push(r);
    }
    let fields = [
        checked(&at, name).to_string(),
        string("l", true),
        string("d", false),
        string("u", false),
        rows.join(&GS.to_string()),
        strings(obj.get("k"), "\"k\"").join(&GS.to_string()),
        strings(obj.get("dep"), "\"dep\"").join(&GS.to_string()),
    ];
    out.push_str(&fields.join(&US.to_string()));
}

/// `s`, after checking that it holds none of the separators.
fn checked<'a>(at: &str, s: &'a str) -> &'a str {
    if let Some(c) = s.chars().find(|c| ('\u{1b}'..='\u{1f}').contains(c)) {
        panic!(
            "{at}: a string holds control character U+{:04X}, which the compact form of build.rs uses as a separator",
            c as u32
        );
    }
    s
}

fn write(path: &std::path::Path, text: &str) {
    // Unchanged output keeps its timestamp, so the crate is not rebuilt for nothing.
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}
