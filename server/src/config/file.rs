//! Reading `policy-lsp.toml` / `.policy-lsp.toml`. Every problem becomes one
//! `ConfigError` with the file, the line and the reason; nothing is silently ignored.

use super::{Config, Ignore};
use crate::diagnostic::Severity;
use crate::model::DocKind;
use std::path::{Path, PathBuf};

pub const FILE_NAMES: &[&str] = &["policy-lsp.toml", ".policy-lsp.toml"];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    /// 1-based; 0 when unknown.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
        } else {
            write!(f, "{}: {}", self.file.display(), self.message)
        }
    }
}

/// Parses config text; paths in it are relative to `base`. Rule names are kept as
/// written: `rules::unknown_name` checks them against the registry (the caller,
/// `workspace::load_config`, reports it at its line). Reads no file: a catalog
/// file named in it is left in [`Config::catalog_file`] for the caller to load.
pub fn parse(text: &str, file: &Path, base: &Path) -> Result<(Config, Vec<String>), ConfigError> {
    let err = |line: usize, message: String| ConfigError {
        file: file.to_path_buf(),
        line,
        message,
    };
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
        let line = e.span().map_or(0, |s| {
            text[..s.start.min(text.len())].matches('\n').count() + 1
        });
        err(line, e.message().trim().to_string())
    })?;
    let line_of = |needle: &str| line_of(text, needle);
    let mut cfg = Config {
        root: Some(base.to_path_buf()),
        ..Config::new()
    };
    let warnings = Vec::new();
    for (section, value) in &table {
        match section.as_str() {
            "rules" => {
                let t = value.as_table().ok_or_else(|| err(line_of("rules"), "[rules] must be a table of RULE = \"level\"".to_string()))?;
                for (name, level) in t {
                    let line = line_of(name);
                    let level = level.as_str().ok_or_else(|| err(line, format!("the level of `{name}` must be a string: \"error\", \"warning\", \"info\", \"hint\" or \"off\"")))?;
                    let sev = if level == "off" {
                        None
                    } else {
                        Some(Severity::parse(level).ok_or_else(|| err(line, format!("unknown level \"{level}\" for `{name}`: use \"error\", \"warning\", \"info\", \"hint\" or \"off\"")))?)
                    };
                    cfg.rules.push((name.clone(), sev));
                }
            }
            "kinds" => {
                let t = value.as_table().ok_or_else(|| err(line_of("kinds"), "[kinds] must be a table of \"GLOB\" = \"KIND\"".to_string()))?;
                for (glob, kind) in t {
                    let line = line_of(glob);
                    let k = kind.as_str().and_then(DocKind::parse).ok_or_else(|| err(line, format!("unknown kind for \"{glob}\": use identity, trust, resource, kms-key, s3-bucket or scp")))?;
                    cfg.kinds.push((glob.clone(), k));
                }
            }
            "notes" => {
                let t = value.as_table().ok_or_else(|| err(line_of("notes"), "[notes] must be a table".to_string()))?;
                for (k, v) in t {
                    match k.as_str() {
                        "paths" => cfg.notes_paths = string_list(v).ok_or_else(|| err(line_of("paths"), "[notes] paths must be a list of strings".to_string()))?.into_iter().map(|p| base.join(p)).collect(),
                        "builtin" => cfg.builtin_notes = v.as_bool().ok_or_else(|| err(line_of("builtin"), "[notes] builtin must be true or false".to_string()))?,
                        _ => return Err(err(line_of(k), format!("unknown key `{k}` in [notes]: expected paths, builtin"))),
                    }
                }
            }
            "catalog" => {
                let t = value.as_table().ok_or_else(|| err(line_of("catalog"), "[catalog] must be a table".to_string()))?;
                for (k, v) in t {
                    let line = line_of(k);
                    match k.as_str() {
                        "path" => {
                            let p = base.join(v.as_str().ok_or_else(|| err(line, "[catalog] path must be a string".to_string()))?);
                            cfg.catalog_file = Some((p, line));
                        }
                        "extra-actions" => cfg.extra_actions = string_list(v).ok_or_else(|| err(line, "extra-actions must be a list of \"service:Action\" strings".to_string()))?,
                        "extra-keys" => cfg.extra_keys = string_list(v).ok_or_else(|| err(line, "extra-keys must be a list of condition key strings".to_string()))?,
                        _ => return Err(err(line, format!("unknown key `{k}` in [catalog]: expected path, extra-actions, extra-keys"))),
                    }
                }
            }
            "ignore" => cfg.ignores.extend(ignores(text, value, &err, &line_of)?),
            "governance" => {
                let t = value.as_table().ok_or_else(|| err(line_of("governance"), "[governance] must be a table".to_string()))?;
                super::governance::parse(&mut cfg.governance, t, &|k: &str, m: String| err(line_of(k), m))?;
            }
            _ => return Err(err(line_of(section), format!("unknown section [{section}]: expected rules, kinds, notes, catalog, ignore, governance"))),
        }
    }
    Ok((cfg, warnings))
}

/// The `[[ignore]]` entries.
fn ignores(
    text: &str,
    value: &toml::Value,
    err: &dyn Fn(usize, String) -> ConfigError,
    line_of: &dyn Fn(&str) -> usize,
) -> Result<Vec<Ignore>, ConfigError> {
    let mut acc = Vec::new();
    let arr = value.as_array().ok_or_else(|| {
        err(
            line_of("ignore"),
            "use [[ignore]] entries with path, rules and sids".to_string(),
        )
    })?;
    for (i, entry) in arr.iter().enumerate() {
        let line = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.trim() == "[[ignore]]")
            .nth(i)
            .map_or(0, |(n, _)| n + 1);
        let t = entry
            .as_table()
            .ok_or_else(|| err(line, "an [[ignore]] entry must be a table".to_string()))?;
        let mut ig = Ignore::default();
        for (k, v) in t {
            match k.as_str() {
                "path" | "paths" => {
                    ig.paths = string_list(v).ok_or_else(|| {
                        err(
                            line,
                            "ignore path must be a string or a list of globs".to_string(),
                        )
                    })?
                }
                "rules" => {
                    ig.rules = string_list(v).ok_or_else(|| {
                        err(line, "ignore rules must be a list of rule ids".to_string())
                    })?;
                }
                "sids" => {
                    ig.sids = string_list(v).ok_or_else(|| {
                        err(
                            line,
                            "ignore sids must be a list of statement ids".to_string(),
                        )
                    })?
                }
                "reason" => ig.reason = v.as_str().unwrap_or("").to_string(),
                _ => {
                    return Err(err(
                        line,
                        format!(
                            "unknown key `{k}` in [[ignore]]: expected path, rules, sids, reason"
                        ),
                    ))
                }
            }
        }
        acc.push(ig);
    }
    Ok(acc)
}

fn string_list(v: &toml::Value) -> Option<Vec<String>> {
    match v {
        toml::Value::String(s) => Some(vec![s.clone()]),
        toml::Value::Array(a) => a.iter().map(|x| x.as_str().map(str::to_string)).collect(),
        _ => None,
    }
}

/// The 1-based line of the first line containing `needle` (0 when none).
pub fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map_or(0, |i| i + 1)
}
