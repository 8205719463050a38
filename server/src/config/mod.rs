//! Effective configuration: rule levels, document-kind globs, notes, catalog,
//! suppressions and governance parameters.

pub mod file;
pub mod governance;
pub mod read;

pub use file::ConfigError;
pub use governance::Governance;

use crate::catalog::Catalog;
use crate::diagnostic::Severity;
use crate::model::DocKind;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Clone, Debug, Default)]
pub struct Config {
    /// The folder of the config file: globs and paths are relative to it.
    pub root: Option<PathBuf>,
    /// Rule id → level (`None` = off). Ids may also be Access Analyzer / Parliament codes.
    pub rules: Vec<(String, Option<Severity>)>,
    /// Glob → kind, first match wins. Globs match the path relative to the config file
    /// or, failing that, the end of the path.
    pub kinds: Vec<(String, DocKind)>,
    /// A kind forced for every file (the CLI's `--kind`).
    pub forced_kind: Option<DocKind>,
    /// A user-supplied catalog (newer data); the built-in one otherwise.
    pub catalog: Option<Arc<Catalog>>,
    /// The catalog file `[catalog] path` names, and its line in the config file (read by
    /// `workspace::load_config` into `catalog`).
    pub catalog_file: Option<(PathBuf, usize)>,
    /// Actions (`service:Action`) to accept beyond the catalog, e.g. private previews.
    pub extra_actions: Vec<String>,
    /// Condition keys to accept beyond the catalog.
    pub extra_keys: Vec<String>,
    /// Notes files and folders (absolute or relative to the working directory).
    pub notes_paths: Vec<PathBuf>,
    /// Whether the built-in notes are shown (on unless `[notes] builtin = false`).
    pub builtin_notes: bool,
    pub ignores: Vec<Ignore>,
    pub governance: Governance,
}

/// One `[[ignore]]` entry: rules (all when empty) in files matching `paths` (all when
/// empty) and statements with one of `sids` (all when empty).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Ignore {
    pub paths: Vec<String>,
    pub rules: Vec<String>,
    pub sids: Vec<String>,
    pub reason: String,
}

impl Config {
    pub fn catalog(&self) -> &Catalog {
        match &self.catalog {
            Some(c) => c,
            None => Catalog::builtin(),
        }
    }

    pub fn is_extra_action(&self, action: &str) -> bool {
        self.extra_actions
            .iter()
            .any(|a| a.eq_ignore_ascii_case(action))
    }

    pub fn is_extra_key(&self, key: &str) -> bool {
        self.extra_keys.iter().any(|k| k.eq_ignore_ascii_case(key))
    }

    /// A config with the defaults (built-in notes on).
    pub fn new() -> Config {
        Config {
            builtin_notes: true,
            ..Config::default()
        }
    }

    /// The path of `file` relative to the config's folder, with `/` separators. The
    /// edges hand in absolute paths (`cli`, `lsp`); a relative one is taken as relative
    /// to the config's folder already.
    pub fn relative(&self, file: &str) -> String {
        let norm = file.replace('\\', "/");
        if let Some(root) = &self.root {
            if let Ok(rel) = std::path::Path::new(file).strip_prefix(root) {
                return rel.to_string_lossy().replace('\\', "/");
            }
        }
        norm
    }

    /// The `[[ignore]]` entries whose paths and sids match `file` and `sid` (which rules
    /// they name is for `rules::suppression` to decide).
    pub fn ignores_matching(&self, file: Option<&str>, sid: Option<&str>) -> Vec<&Ignore> {
        let rel = file.map(|f| self.relative(f));
        self.ignores
            .iter()
            .filter(|ig| {
                let path_ok = ig.paths.is_empty()
                    || rel.as_deref().is_some_and(|f| {
                        ig.paths
                            .iter()
                            .any(|g| glob_match(g, f) || glob_match(&format!("**/{g}"), f))
                    });
                let sid_ok =
                    ig.sids.is_empty() || sid.is_some_and(|s| ig.sids.iter().any(|x| x == s));
                path_ok && sid_ok
            })
            .collect()
    }

    pub fn kind_for(&self, file: Option<&str>) -> Option<(DocKind, String)> {
        if let Some(k) = self.forced_kind {
            return Some((k, "set with --kind".to_string()));
        }
        let file = file?;
        let norm = self.relative(file);
        self.kinds
            .iter()
            .find(|(g, _)| glob_match(g, &norm) || glob_match(&format!("**/{g}"), &norm))
            .map(|(g, k)| (*k, format!("the config maps `{g}` to {}", k.name())))
    }
}

/// Glob matching for paths: `**` matches any number of folders, `*` and `?` stay
/// within one path segment.
pub fn glob_match(pattern: &str, path: &str) -> bool {
    let pat: Vec<&str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    // ok[i][j]: pattern segments i.. match path segments j..
    let mut ok = vec![vec![false; segs.len() + 1]; pat.len() + 1];
    ok[pat.len()][segs.len()] = true;
    for i in (0..pat.len()).rev() {
        for j in (0..=segs.len()).rev() {
            ok[i][j] = if pat[i] == "**" {
                ok[i + 1][j] || (j < segs.len() && ok[i][j + 1])
            } else {
                j < segs.len() && segment_match(pat[i], segs[j]) && ok[i + 1][j + 1]
            };
        }
    }
    ok[0][0]
}

/// `*` and `?` wildcards within one segment (iterative, linear backtracking).
fn segment_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn globs() {
        assert!(glob_match("**/*.kms.json", "a/b/x.kms.json"));
        assert!(glob_match("**/*.kms.json", "x.kms.json"));
        assert!(glob_match("policies/*.json", "policies/a.json"));
        assert!(!glob_match("policies/*.json", "policies/sub/a.json"));
        assert!(glob_match("policies/**", "policies/sub/a.json"));
        assert!(!glob_match("*.json", "a.toml"));
    }
}
