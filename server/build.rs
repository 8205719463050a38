//! Splits the embedded catalog (`data/catalog.json`, committed as the conversion script
//! writes it) into two texts for `include_str!`: the services without their actions,
//! each with `"actions_at": [start, end]`, and all actions arrays one after the other.
//! Reading the catalog at start-up then parses the small first text only; before, a
//! quarter of a one-file `check` went to scanning past 4 MB of actions to find where
//! each service's array ends. A service's actions are still read on first use, from
//! its slice of the second text.

use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it"));
    let src = manifest.join("data/catalog.json");
    println!("cargo:rerun-if-changed=data/catalog.json");
    println!("cargo:rerun-if-changed=build.rs");
    let text = std::fs::read_to_string(&src)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", src.display()));
    let mut catalog: serde_json::Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", src.display()));
    let mut actions = String::with_capacity(text.len());
    let services = catalog
        .get_mut("services")
        .and_then(serde_json::Value::as_array_mut)
        .unwrap_or_else(|| panic!("{} has no services array", src.display()));
    for service in services {
        let Some(obj) = service.as_object_mut() else {
            continue; // left for the catalog reader to report
        };
        if let Some(list) = obj.remove("actions") {
            let start = actions.len();
            actions.push_str(&list.to_string());
            obj.insert(
                "actions_at".to_string(),
                serde_json::json!([start, actions.len()]),
            );
        }
    }
    write(&out.join("catalog-services.json"), &catalog.to_string());
    write(&out.join("catalog-actions.json"), &actions);
}

fn write(path: &std::path::Path, text: &str) {
    // Unchanged output keeps its timestamp, so the crate is not rebuilt for nothing.
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}
