//! The one reader of policy-lsp's settings, whichever place they come from: a
//! `policy-lsp.toml` (converted to a JSON value by [`super::file`]) or the editor's
//! `policyLsp` settings (`lsp::config`). Both take the same sections and keys, described
//! for editors in `schemas/config.schema.json` (a test keeps the two in step):
//! `rules`, `kinds`, `notes` (`paths`, `builtin`), `catalog` (`path`, `extra-actions`,
//! `extra-keys`), `ignore` (entries of `path`/`paths`, `rules`, `sids`, `reason`) and
//! `governance`.
//!
//! A value that cannot be read becomes a [`Problem`] naming its place (the key path)
//! and is left out; the rest is still read. The config file refuses the file on its
//! first problem; the editor settings report them and apply the rest.

use super::{Config, Ignore};
use crate::diagnostic::Severity;
use crate::model::DocKind;
use serde_json::{Map, Value};
use std::path::Path;

/// The sections, in the order messages list them.
pub const SECTIONS: &[&str] = &["rules", "kinds", "notes", "catalog", "ignore", "governance"];

/// One value that could not be read: where (keys from the top; list items by index)
/// and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub at: Vec<String>,
    pub message: String,
}

/// Reads every section of `obj` into a config; paths are relative to `base` when given.
/// Keys in `skip` belong to someone else (the editor client's own settings) and are
/// passed over; any other unknown key is a problem.
pub fn read(
    obj: &Map<String, Value>,
    base: Option<&Path>,
    skip: &[&str],
) -> (Config, Vec<Problem>) {
    let mut r = Reader {
        config: Config {
            root: base.map(Path::to_path_buf),
            ..Config::new()
        },
        base,
        problems: Vec::new(),
    };
    for (section, value) in obj {
        let at = [section.as_str()];
        match section.as_str() {
            "rules" => r.rules(value),
            "kinds" => r.kinds(value),
            "notes" => r.notes(value),
            "catalog" => r.catalog(value),
            "ignore" => r.ignores(value),
            "governance" => match value.as_object() {
                Some(t) => {
                    let mut found = Vec::new();
                    super::governance::read(&mut r.config.governance, t, &mut |k, m| {
                        found.push(Problem {
                            at: vec!["governance".to_string(), k.to_string()],
                            message: m,
                        })
                    });
                    r.problems.extend(found);
                }
                None => r.problem(&at, "governance must be a table of parameters".into()),
            },
            s if skip.contains(&s) => {}
            _ => r.problem(
                &at,
                format!(
                    "unknown section `{section}`: expected {}",
                    SECTIONS.join(", ")
                ),
            ),
        }
    }
    (r.config, r.problems)
}

struct Reader<'a> {
    config: Config,
    base: Option<&'a Path>,
    problems: Vec<Problem>,
}

const LEVELS: &str = "\"error\", \"warning\", \"info\", \"hint\" or \"off\"";
const KINDS: &str = "identity, trust, resource, kms-key, s3-bucket or scp";

impl Reader<'_> {
    fn problem(&mut self, at: &[&str], message: String) {
        self.problems.push(Problem {
            at: at.iter().map(|s| s.to_string()).collect(),
            message,
        });
    }

    fn table<'v>(
        &mut self,
        section: &str,
        value: &'v Value,
        shape: &str,
    ) -> Option<&'v Map<String, Value>> {
        let t = value.as_object();
        if t.is_none() {
            self.problem(&[section], format!("{section} must be a table: {shape}"));
        }
        t
    }

    /// A path from the settings, relative to the config's folder.
    fn path(&self, p: &str) -> std::path::PathBuf {
        match self.base {
            Some(b) => b.join(p),
            None => p.into(),
        }
    }

    /// Rule names (ids, Access Analyzer / Parliament codes, categories) → levels. The
    /// names are checked against the registry by the caller (`rules::unknown_name`).
    fn rules(&mut self, value: &Value) {
        let Some(t) = self.table("rules", value, "RULE = \"level\"") else {
            return;
        };
        for (name, level) in t {
            let at = ["rules", name.as_str()];
            match level.as_str().map(str::trim) {
                Some(l) if l.eq_ignore_ascii_case("off") => {
                    self.config.rules.push((name.clone(), None))
                }
                Some(l) => match Severity::parse(l) {
                    Some(s) => self.config.rules.push((name.clone(), Some(s))),
                    None => self.problem(
                        &at,
                        format!("unknown level \"{l}\" for `{name}`: use {LEVELS}"),
                    ),
                },
                None => self.problem(
                    &at,
                    format!("the level of `{name}` must be a string: {LEVELS}"),
                ),
            }
        }
    }

    fn kinds(&mut self, value: &Value) {
        let Some(t) = self.table("kinds", value, "\"GLOB\" = \"KIND\"") else {
            return;
        };
        for (glob, kind) in t {
            match kind.as_str().and_then(DocKind::parse) {
                Some(k) => self.config.kinds.push((glob.clone(), k)),
                None => self.problem(
                    &["kinds", glob],
                    format!("unknown kind {kind} for \"{glob}\": use {KINDS}"),
                ),
            }
        }
    }

    fn notes(&mut self, value: &Value) {
        let Some(t) = self.table("notes", value, "paths, builtin") else {
            return;
        };
        for (k, v) in t {
            let at = ["notes", k.as_str()];
            match (k.as_str(), v) {
                ("paths", v) => match strings(v) {
                    Some(ps) => self.config.notes_paths = ps.iter().map(|p| self.path(p)).collect(),
                    None => self.problem(
                        &at,
                        "notes paths must be a list of file or folder paths".into(),
                    ),
                },
                ("builtin", Value::Bool(b)) => self.config.builtin_notes = *b,
                ("builtin", _) => self.problem(&at, "notes builtin must be true or false".into()),
                _ => self.problem(
                    &at,
                    format!("unknown key `{k}` in notes: expected paths, builtin"),
                ),
            }
        }
    }

    fn catalog(&mut self, value: &Value) {
        let Some(t) = self.table("catalog", value, "path, extra-actions, extra-keys") else {
            return;
        };
        for (k, v) in t {
            let at = ["catalog", k.as_str()];
            match k.as_str() {
                // An empty path is the editor's default: the built-in catalog.
                "path" => match v.as_str() {
                    Some("") => {}
                    Some(p) => self.config.catalog_file = Some((self.path(p), 0)),
                    None => self.problem(&at, "catalog path must be a string".into()),
                },
                "extra-actions" => match strings(v) {
                    Some(a) => self.config.extra_actions = a,
                    None => self.problem(
                        &at,
                        "extra-actions must be a list of \"service:Action\" strings".into(),
                    ),
                },
                "extra-keys" => match strings(v) {
                    Some(a) => self.config.extra_keys = a,
                    None => self.problem(
                        &at,
                        "extra-keys must be a list of condition key strings".into(),
                    ),
                },
                _ => self.problem(
                    &at,
                    format!(
                        "unknown key `{k}` in catalog: expected path, extra-actions, extra-keys"
                    ),
                ),
            }
        }
    }

    /// The `ignore` entries (`[[ignore]]` in the config file).
    fn ignores(&mut self, value: &Value) {
        let Some(entries) = value.as_array() else {
            self.problem(&["ignore"], "ignore must be a list of entries with path, rules, sids and reason ([[ignore]] in policy-lsp.toml)".into());
            return;
        };
        for (i, entry) in entries.iter().enumerate() {
            let i = i.to_string();
            let Some(t) = entry.as_object() else {
                self.problem(&["ignore", &i], "an ignore entry must be a table".into());
                continue;
            };
            let mut ig = Ignore::default();
            let mut ok = true;
            for (k, v) in t {
                let (slot, what) = match k.as_str() {
                    "path" | "paths" => (
                        &mut ig.paths,
                        "ignore path must be a string or a list of globs",
                    ),
                    "rules" => (&mut ig.rules, "ignore rules must be a list of rule ids"),
                    "sids" => (&mut ig.sids, "ignore sids must be a list of statement ids"),
                    "reason" => {
                        match v.as_str() {
                            Some(s) => ig.reason = s.to_string(),
                            None => {
                                ok = false;
                                self.problem(
                                    &["ignore", &i, k],
                                    "ignore reason must be a string".into(),
                                );
                            }
                        }
                        continue;
                    }
                    _ => {
                        ok = false;
                        self.problem(&["ignore", &i, k], format!("unknown key `{k}` in an ignore entry: expected path, rules, sids, reason"));
                        continue;
                    }
                };
                match strings(v) {
                    Some(list) => *slot = list,
                    None => {
                        ok = false;
                        self.problem(&["ignore", &i, k], what.into());
                    }
                }
            }
            // A half-read entry would hide more than it says: leave it out.
            if ok {
                self.config.ignores.push(ig);
            }
        }
    }
}

/// A string or a list of strings.
pub(super) fn strings(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Array(a) => a.iter().map(|x| x.as_str().map(str::to_string)).collect(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read_json(v: Value) -> (Config, Vec<String>) {
        let obj = v.as_object().cloned().unwrap_or_default();
        let (c, problems) = read(&obj, Some(Path::new("/ws")), &["server"]);
        let shown = problems
            .iter()
            .map(|p| format!("{}: {}", p.at.join("."), p.message))
            .collect();
        (c, shown)
    }

    #[test]
    fn every_section_is_read() {
        let (c, problems) = read_json(json!({
            "rules": {"security": "off", "old-version": "Error"},
            "kinds": {"keys/*.json": "kms-key"},
            "notes": {"paths": ["notes"], "builtin": false},
            "catalog": {"path": "cat.json", "extra-actions": ["x:Y"], "extra-keys": "x:k"},
            "ignore": [{"path": "legacy/**", "rules": ["wildcard-action"], "reason": "old"}],
            "governance": {"trusted-accounts": ["111122223333"]},
            "server": {"path": "/bin/policy-lsp"}
        }));
        assert_eq!(problems, Vec::<String>::new());
        assert_eq!(
            c.rules,
            [
                ("old-version".into(), Some(Severity::Error)),
                ("security".into(), None)
            ]
        );
        assert_eq!(c.kinds, [("keys/*.json".into(), DocKind::KmsKey)]);
        assert_eq!(c.notes_paths, [Path::new("/ws/notes")]);
        assert!(!c.builtin_notes);
        assert_eq!(c.catalog_file, Some((Path::new("/ws/cat.json").into(), 0)));
        assert_eq!(
            (c.extra_actions, c.extra_keys),
            (vec!["x:Y".into()], vec!["x:k".into()])
        );
        assert_eq!(c.ignores.len(), 1);
        assert_eq!(c.governance.trusted_accounts, ["111122223333"]);
    }

    #[test]
    fn bad_values_are_problems_at_their_place_and_the_rest_is_read() {
        let (c, problems) = read_json(json!({
            "rules": {"old-version": "loud", "empty-sid": 3, "action-case": "off"},
            "kinds": {"x": "bad"},
            "notes": {"paths": 1, "colour": true},
            "ignore": [{"rules": ["x"], "why": "?"}, {"rules": ["y"]}],
            "governance": {"trusted-accounts": ["12"]},
            "extra": {}
        }));
        expect_test::expect![[r#"
            [
                "extra: unknown section `extra`: expected rules, kinds, notes, catalog, ignore, governance",
                "governance.trusted-accounts: trusted account \"12\" is not a 12-digit account id",
                "ignore.0.why: unknown key `why` in an ignore entry: expected path, rules, sids, reason",
                "kinds.x: unknown kind \"bad\" for \"x\": use identity, trust, resource, kms-key, s3-bucket or scp",
                "notes.colour: unknown key `colour` in notes: expected paths, builtin",
                "notes.paths: notes paths must be a list of file or folder paths",
                "rules.empty-sid: the level of `empty-sid` must be a string: \"error\", \"warning\", \"info\", \"hint\" or \"off\"",
                "rules.old-version: unknown level \"loud\" for `old-version`: use \"error\", \"warning\", \"info\", \"hint\" or \"off\"",
            ]
        "#]]
        .assert_debug_eq(&{
            let mut p = problems;
            p.sort();
            p
        });
        assert_eq!(c.rules, [("action-case".into(), None)]);
        assert_eq!(c.ignores.len(), 1);
    }
}
