//! Editor settings (`initializationOptions.policyLsp`, `workspace/didChangeConfiguration`)
//! → the effective configuration. The config sections are `policy-lsp.toml`'s, read by
//! the same reader (`config::read`); the keys below are the session's own; `server`,
//! `trace` and `filePatterns` belong to the VS Code client and are passed over.
//!
//! ```json
//! { "policyLsp": { "rules": { "action-case": "off", "old-version": "error" },
//!                  "kinds": { "**/keys/*.json": "kms-key" },
//!                  "pullDiagnostics": false, "diagnosticsDelayMs": 0,
//!                  "debugRequests": false } }
//! ```

use crate::config::Config;
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

/// The settings of the session itself (not `policy-lsp.toml`'s), read below.
const SESSION_KEYS: &[&str] = &["pullDiagnostics", "diagnosticsDelayMs", "debugRequests"];

/// Reads settings from either `{ "policyLsp": { ... } }` or the inner object itself.
/// Returns `None` when `value` carries no policy-lsp settings at all; invalid entries
/// are skipped and described in the returned warnings.
pub fn parse(value: &Value) -> Option<(Settings, Vec<String>)> {
    let obj = value
        .get("policyLsp")
        .or_else(|| value.get("policy-lsp"))
        .unwrap_or(value)
        .as_object()?;
    if !crate::config::read::SECTIONS
        .iter()
        .chain(SESSION_KEYS)
        .any(|k| obj.contains_key(*k))
        && value.get("policyLsp").is_none()
    {
        return None;
    }
    // The client's own settings (VS Code sends its whole `policyLsp` section) and the
    // server's session settings below; everything else is the config schema.
    const CLIENT: &[&str] = &["server", "trace", "filePatterns"];
    let skip: Vec<&str> = SESSION_KEYS.iter().chain(CLIENT).copied().collect();
    let (mut config, problems) = crate::config::read::read(obj, None, &skip);
    let mut warnings: Vec<String> = problems
        .into_iter()
        .map(|p| format!("policyLsp.{}: {}", p.at.join("."), p.message))
        .collect();
    // Rule names are checked as the config file's are; unknown ones are left out.
    config.rules.retain(|(id, _)| {
        let known = crate::rules::is_rule_or_category(id);
        if !known {
            warnings.push(format!(
                "policyLsp.rules: unknown rule `{id}` ignored (`policy-lsp rules` lists them)"
            ));
        }
        known
    });
    if let Err(e) = crate::workspace::load_catalog(&mut config) {
        warnings.push(format!("policyLsp.catalog.path: {e}"));
    }
    let mut res = Settings {
        config,
        ..Settings::default()
    };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;
    use crate::model::DocKind;
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

    /// The editor settings take every section `policy-lsp.toml` takes (one reader),
    /// and pass over the VS Code client's own settings.
    #[test]
    fn settings_take_the_config_files_sections() {
        let (s, warnings) = parse(&json!({"policyLsp": {
            "rules": {"security": "off"},
            "notes": {"paths": [], "builtin": false},
            "catalog": {"path": "", "extra-actions": ["preview:DoThing"], "extra-keys": []},
            "ignore": [{"paths": ["legacy/**"], "rules": ["wildcard-action"], "reason": "old"}],
            "governance": {"s3-required-encryption": "aws:kms"},
            "server": {"path": ""}, "trace": {"server": "off"}, "filePatterns": []
        }}))
        .unwrap();
        assert_eq!(warnings, Vec::<String>::new());
        assert!(!s.config.builtin_notes && s.config.is_extra_action("preview:dothing"));
        assert_eq!(s.config.ignores.len(), 1);
        assert_eq!(
            s.config.governance.s3_required_encryption.as_deref(),
            Some("aws:kms")
        );
        let (_, warnings) =
            parse(&json!({"policyLsp": {"colour": 1, "catalog": {"path": "/no/such.json"}}}))
                .unwrap();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings[0].starts_with("policyLsp.colour: unknown section `colour`"),
            "{warnings:?}"
        );
        assert!(
            warnings[1]
                .starts_with("policyLsp.catalog.path: catalog /no/such.json could not be loaded"),
            "{warnings:?}"
        );
    }
}
