//! Reading `policy-lsp.toml` / `.policy-lsp.toml`. Every problem becomes one
//! `ConfigError` with the file, the line and the reason; nothing is silently ignored.

use super::Config;
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

/// Parses config text; paths in it are relative to `base`. The sections are read by
/// [`super::read`], the reader the editor settings share; the file is refused on its
/// first problem, reported at its line. Rule names are kept as written:
/// `rules::unknown_name` checks them against the registry (the caller,
/// `workspace::load_config`, reports it at its line). Reads no file: a catalog file
/// named in it is left in [`Config::catalog_file`] for the caller to load.
pub fn parse(text: &str, file: &Path, base: &Path) -> Result<Config, ConfigError> {
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
    let value = serde_json::to_value(&table).map_err(|e| err(0, e.to_string()))?;
    let obj = value.as_object().cloned().unwrap_or_default();
    let (mut cfg, problems) = super::read::read(&obj, Some(base), &[]);
    if let Some(p) = problems.into_iter().next() {
        return Err(err(line_of_place(text, &p.at), p.message));
    }
    if let Some((_, line)) = cfg.catalog_file.as_mut() {
        *line = line_of_place(text, &["catalog".to_string(), "path".to_string()]);
    }
    Ok(cfg)
}

/// The 1-based line of a place (section, key, ...) in config text: the key's line under
/// its section's header (`[[ignore]]` entries counted), else the first line that
/// mentions the last key (0 when none).
fn line_of_place(text: &str, at: &[String]) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let Some(section) = at.first() else {
        return 0;
    };
    let header = if section == "ignore" {
        let nth = at.get(1).and_then(|i| i.parse::<usize>().ok()).unwrap_or(0);
        lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.trim() == "[[ignore]]")
            .nth(nth)
            .map(|(i, _)| i)
    } else {
        let h = format!("[{section}]");
        lines.iter().position(|l| l.trim() == h)
    };
    let key = match (section.as_str(), at.len()) {
        ("ignore", n) if n >= 3 => at.get(2),
        ("ignore", _) => None,
        (_, n) if n >= 2 => at.get(1),
        _ => None,
    };
    let key_line = |from: usize, key: &str| {
        lines[from..]
            .iter()
            .take_while(|l| !l.trim_start().starts_with('['))
            .position(|l| {
                let t = l.trim_start().trim_start_matches(['"', '\'']);
                t.strip_prefix(key).is_some_and(|r| {
                    r.trim_start_matches(['"', '\''])
                        .trim_start()
                        .starts_with('=')
                })
            })
            .map(|i| from + i + 1)
    };
    match (header, key) {
        (Some(h), Some(k)) => key_line(h + 1, k).unwrap_or(h + 1),
        (Some(h), None) => h + 1,
        (None, Some(k)) => line_of(text, k),
        (None, None) => line_of(text, section),
    }
}

/// The 1-based line of the first line containing `needle` (0 when none).
pub fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> (usize, String) {
        let e = parse(text, Path::new("p.toml"), Path::new("/ws")).expect_err("refused");
        (e.line, e.message)
    }

    /// A problem is reported at the line of its key under its section (not at the
    /// first line that happens to mention the key's name).
    #[test]
    fn problems_are_at_their_line() {
        let text = "[notes]\npaths = [\"n\"]\n\n[catalog]\nextra-keys = [\"x\"]\npath = 3\n";
        assert_eq!(error_of(text), (6, "catalog path must be a string".into()));
        let text = "[[ignore]]\nrules = [\"a\"]\n[[ignore]]\nrules = [\"b\"]\nwhy = 1\n";
        assert_eq!(
            error_of(text).0,
            5,
            "the second entry's unknown key, on its own line"
        );
        let text = "[rules]\naction-case = \"off\"\n\n[governance]\ntrusted-accounts = [\"1\"]\n";
        assert_eq!(
            error_of(text),
            (
                5,
                "trusted account \"1\" is not a 12-digit account id".into()
            )
        );
        assert_eq!(
            error_of("[rule]\nx = 1\n").1,
            "unknown section `rule`: expected rules, kinds, notes, catalog, ignore, governance"
        );
    }

    #[test]
    fn a_good_file_reads_and_paths_are_relative_to_it() {
        let text = "[rules]\nsecurity = \"off\"\n[catalog]\npath = \"cat.json\"\n[notes]\npaths = [\"team.md\"]\n";
        let cfg = parse(text, Path::new("/ws/p.toml"), Path::new("/ws")).expect("read");
        assert_eq!(cfg.rules, [("security".to_string(), None)]);
        assert_eq!(cfg.catalog_file, Some((PathBuf::from("/ws/cat.json"), 4)));
        assert_eq!(cfg.notes_paths, [PathBuf::from("/ws/team.md")]);
    }
}
