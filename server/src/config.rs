//! Effective configuration: rule levels, document-kind globs.

use crate::diagnostic::Severity;
use crate::model::DocKind;

#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Rule id → level (`None` = off). Ids may also be Access Analyzer / Parliament codes.
    pub rules: Vec<(String, Option<Severity>)>,
    /// Glob → kind, first match wins. Globs match the path relative to the config file
    /// or, failing that, the end of the path.
    pub kinds: Vec<(String, DocKind)>,
    /// A kind forced for every file (the CLI's `--kind`).
    pub forced_kind: Option<DocKind>,
}

impl Config {
    /// `Some(level)` when the config sets a level for `rule`.
    pub fn level(&self, rule: &str, _file: Option<&str>) -> Option<Option<Severity>> {
        self.rules.iter().rev().find(|(name, _)| crate::rules::rule_by_any_name(name).is_some_and(|r| r.id == rule)).map(|(_, l)| *l)
    }

    pub fn kind_for(&self, file: Option<&str>) -> Option<(DocKind, String)> {
        if let Some(k) = self.forced_kind {
            return Some((k, "set with --kind".to_string()));
        }
        let file = file?;
        let norm = file.replace('\\', "/");
        self.kinds.iter().find(|(g, _)| glob_match(g, &norm) || glob_match(&format!("**/{g}"), &norm)).map(|(g, k)| (*k, format!("the config maps `{g}` to {}", k.name())))
    }
}

/// Glob matching for paths: `**` crosses `/`, `*` and `?` do not.
pub fn glob_match(pattern: &str, path: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let s: Vec<char> = path.chars().collect();
    // Iterative matcher with backtracking points for `*` and `**`.
    let (mut pi, mut si) = (0usize, 0usize);
    let mut star: Option<(usize, usize, bool)> = None;
    while si < s.len() {
        if pi < p.len() && p[pi] == '*' {
            let double = pi + 1 < p.len() && p[pi + 1] == '*';
            let mut next = pi + if double { 2 } else { 1 };
            if double && next < p.len() && p[next] == '/' {
                next += 1;
            }
            star = Some((next, si, double));
            pi = next;
            continue;
        }
        if pi < p.len() && (p[pi] == '?' && s[si] != '/' || p[pi] == s[si]) {
            pi += 1;
            si += 1;
            continue;
        }
        match star {
            Some((sp, ss, double)) if double || s[ss] != '/' => {
                star = Some((sp, ss + 1, double));
                pi = sp;
                si = ss + 1;
            }
            _ => return false,
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
