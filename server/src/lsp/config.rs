//! Editor settings (`initializationOptions.policyLsp`, `workspace/didChangeConfiguration`)
//! → the effective configuration.
//!
//! ```json
//! { "policyLsp": { "rules": { "action-case": "off", "old-version": "error" },
//!                  "kinds": { "**/keys/*.json": "kms-key" },
//!                  "pullDiagnostics": false, "diagnosticsDelayMs": 0,
//!                  "debugRequests": false } }
//! ```

use crate::config::Config;
use crate::diagnostic::Severity;
use crate::model::DocKind;
use serde_json::Value;

#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub config: Config,
    /// Serve `textDocument/diagnostic` (pull) instead of pushing diagnostics. Off by
    /// default: clients that support both would otherwise show every finding twice.
    pub pull_diagnostics: bool,
    /// `diagnosticsDelayMs`: how long diagnostics wait for more edits (default 0 ms;
    /// 0 publishes after each change, coalescing edits that arrive during an analysis).
    pub diagnostics_delay_ms: Option<u64>,
    /// `debugRequests`: serve `policyLsp/debugText` (the server's copy of a document),
    /// for tests that check no edit was lost. Off by default.
    pub debug_requests: bool,
}

/// Reads settings from either `{ "policyLsp": { ... } }` or the inner object itself.
/// Returns `None` when `value` carries no policy-lsp settings at all; invalid entries
/// are skipped and described in the returned warnings.
pub fn parse(value: &Value) -> Option<(Settings, Vec<String>)> {
    let obj = value
        .get("policyLsp")
        .or_else(|| value.get("policy-lsp"))
        .unwrap_or(value)
        .as_object()?;
    if ![
        "rules",
        "kinds",
        "pullDiagnostics",
        "notes",
        "catalog",
        "diagnosticsDelayMs",
        "debugRequests",
    ]
    .iter()
    .any(|k| obj.contains_key(*k))
        && value.get("policyLsp").is_none()
    {
        return None;
    }
    let mut res = Settings {
        config: Config::new(),
        ..Settings::default()
    };
    let mut warnings = Vec::new();
    if let Some(rules) = obj.get("rules") {
        parse_rules(&mut warnings, rules, &mut res.config);
    }
    if let Some(kinds) = obj.get("kinds") {
        parse_kinds(&mut warnings, kinds, &mut res.config);
    }
    if let Some(notes) = obj.get("notes") {
        match notes.get("paths").map(|p| {
            p.as_array().map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(std::path::PathBuf::from)
                    .collect::<Vec<_>>()
            })
        }) {
            Some(Some(paths)) => res.config.notes_paths = paths,
            Some(None) => warnings
                .push("policyLsp.notes.paths must be a list of file or folder paths".to_string()),
            None => {}
        }
    }
    if let Some(path) = obj
        .get("catalog")
        .and_then(|c| c.get("path"))
        .and_then(Value::as_str)
        .filter(|p| !p.is_empty())
    {
        match std::fs::read_to_string(path).map_err(|e| e.to_string()).and_then(|t| crate::catalog::Catalog::from_json(&t)) {
            Ok(c) => res.config.catalog = Some(std::sync::Arc::new(c)),
            Err(e) => warnings.push(format!("policyLsp.catalog.path: {path} could not be loaded ({e}); using the built-in catalog")),
        }
    }
    match obj.get("pullDiagnostics") {
        Some(Value::Bool(b)) => res.pull_diagnostics = *b,
        Some(other) => warnings.push(format!(
            "policyLsp.pullDiagnostics must be true or false, not {other}"
        )),
        None => {}
    }
    match obj.get("diagnosticsDelayMs") {
        Some(v) if v.as_u64().is_some_and(|ms| ms <= 10_000) => {
            res.diagnostics_delay_ms = v.as_u64()
        }
        Some(other) => warnings.push(format!(
            "policyLsp.diagnosticsDelayMs must be a number of milliseconds from 0 to 10000, not {other}"
        )),
        None => {}
    }
    match obj.get("debugRequests") {
        Some(Value::Bool(b)) => res.debug_requests = *b,
        Some(other) => warnings.push(format!(
            "policyLsp.debugRequests must be true or false, not {other}"
        )),
        None => {}
    }
    Some((res, warnings))
}

/// `policyLsp.rules`: rule names (ids, codes, categories) → levels.
fn parse_rules(warnings: &mut Vec<String>, rules: &Value, config: &mut Config) {
    match rules.as_object() {
        Some(rules) => {
            for (id, level) in rules {
                // The names `policy-lsp.toml`'s [rules] takes: ids, codes, categories.
                if !crate::rules::is_rule_or_category(id) {
                    warnings.push(format!("policyLsp.rules: unknown rule `{id}` ignored (`policy-lsp rules` lists them)"));
                    continue;
                }
                match level.as_str().map(str::trim) {
                    Some(l) if l.eq_ignore_ascii_case("off") => config.rules.push((id.clone(), None)),
                    Some(l) if Severity::parse(l).is_some() => config.rules.push((id.clone(), Severity::parse(l))),
                    _ => warnings.push(format!("policyLsp.rules.{id}: level must be off, hint, info, warning or error, not {level}")),
                }
            }
        }
        None => warnings.push(
            "policyLsp.rules must be an object: { \"rule-id\": \"off|hint|info|warning|error\" }"
                .to_string(),
        ),
    }
}

/// `policyLsp.kinds`: globs → document kinds.
fn parse_kinds(warnings: &mut Vec<String>, kinds: &Value, config: &mut Config) {
    match kinds.as_object() {
        Some(kinds) => {
            for (glob, kind) in kinds {
                match kind.as_str().and_then(DocKind::parse) {
                    Some(k) => config.kinds.push((glob.clone(), k)),
                    None => warnings.push(format!(
                        "policyLsp.kinds.{glob}: kind must be identity, trust, resource, kms-key, s3-bucket or scp, not {kind}"
                    )),
                }
            }
        }
        None => {
            warnings.push("policyLsp.kinds must be an object: { \"glob\": \"kind\" }".to_string())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_rules_and_kinds() {
        let (s, warnings) = parse(&json!({"policyLsp": {"rules": {"old-version": "error", "empty-sid": "off", "nope": "off", "invalid-sid": "loud"}, "kinds": {"keys/*.json": "kms-key", "x": "bad"}}})).unwrap();
        let mut rules = s.config.rules.clone();
        rules.sort();
        assert_eq!(
            rules,
            vec![
                ("empty-sid".to_string(), None),
                ("old-version".to_string(), Some(Severity::Error))
            ]
        );
        assert_eq!(
            s.config.kinds,
            vec![("keys/*.json".to_string(), DocKind::KmsKey)]
        );
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(!s.pull_diagnostics);
    }

    #[test]
    fn rules_take_ids_codes_and_categories_as_the_config_file_does() {
        let (s, warnings) = parse(&json!({"policyLsp": {"rules": {
            "security": "off", "INVALID_SERVICE_IN_ACTION": "hint", "action-case": "error", "nope": "off"
        }}}))
        .unwrap();
        assert_eq!(
            warnings,
            ["policyLsp.rules: unknown rule `nope` ignored (`policy-lsp rules` lists them)"]
        );
        assert_eq!(s.config.rules.len(), 3);
        assert_eq!(
            crate::rules::level(&s.config, "privilege-escalation"),
            Some(None)
        );
    }

    #[test]
    fn inner_object_and_absent_settings() {
        assert!(
            parse(&json!({"rules": {}, "pullDiagnostics": true}))
                .unwrap()
                .0
                .pull_diagnostics
        );
        assert!(parse(&json!(null)).is_none());
        let (s, warnings) =
            parse(&json!({"diagnosticsDelayMs": 0, "debugRequests": true})).unwrap();
        assert_eq!(
            (s.diagnostics_delay_ms, s.debug_requests, warnings.len()),
            (Some(0), true, 0)
        );
        let (s, warnings) = parse(&json!({"policyLsp": {"diagnosticsDelayMs": -1}})).unwrap();
        assert_eq!((s.diagnostics_delay_ms, warnings.len()), (None, 1));
        assert!(parse(&json!({"editor": {"tabSize": 2}})).is_none());
    }
}
