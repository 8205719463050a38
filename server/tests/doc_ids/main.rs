//! Every rule id, Access Analyzer / Parliament code and rule category that the docs, the
//! editor settings and the examples name must exist: a name copied from them into
//! `policy-lsp.toml` or the editor settings has to work (an unknown name makes the whole
//! `policy-lsp.toml` fail to load, and the editor settings drop it with a warning).
//!
//! Files: `README.md`, `examples/**` and `editors/**` as git knows them (tracked, or new and
//! not ignored: no `node_modules`, build output or `.vsix`), without `package-lock.json` and
//! images.
//!
//! A name is taken only where the syntax around it says that it names a rule, never because
//! of what a word looks like by itself:
//!
//! 1. **TOML code blocks** in Markdown: the keys of `[rules]` and the `rules` lists of
//!    `[[ignore]]`. The whole block must also load with the real config parser.
//! 2. **Severity tables** in any file (Lua, TypeScript, JSON, Markdown, comments too): the
//!    `{ ... }` after a key named `rules` (`rules = {`, `rules: {`, `"policyLsp.rules": {`)
//!    whose entries map names to a severity (`['x'] = 'error'`, `"x": "off"`). A table with
//!    no severity value is something else (a JSON schema of the setting, say). Each entry
//!    must be accepted by the server's editor-settings parser without a warning.
//! 3. **`package.json`**: the `default` of a setting named `*.rules` and the JSON objects in
//!    backticks in its description (`e.g. { "x": "error" }`), checked as in 2.
//! 4. **Markdown tables**: in a column whose header says `rule`, the names in backticks are
//!    rule ids; under `Access Analyzer` / `Parliament`, the UPPER_SNAKE words are codes;
//!    under `category`, the cell is a category.
//! 5. **Markdown prose** (and the Markdown descriptions in `package.json`): names in
//!    backticks right next to the noun *rule(s)* or *diagnostic(s)*: "the rule `x`",
//!    "rules `x`, `y`", "the `x` / `y` diagnostics". Kebab-case names are rule ids,
//!    UPPER_SNAKE names codes.
//! 6. **Command lines**: the argument of `policy-lsp explain` and `:PolicyLspExplain`;
//!    a capitalised metavariable (`RULE`, `ID`, `<rule>`, `[RULE-ID]`) names nothing.
//!
//! `settings` reads 2 and 3, `markdown` reads 1, 4 and 5; this file holds the names'
//! checks, 6, the list of files and the tests.

mod markdown;
mod settings;

use markdown::scan_markdown;
use policy_lsp::rules::category_by_name as category;
use policy_lsp::rules::{coverage::ACCESS_ANALYZER_CODES, rule, rule_by_any_name, RULES};
use settings::{scan_package_json, scan_severity_tables};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Source {
    Toml,
    SettingsTable,
    PackageJson,
    MarkdownTable,
    Prose,
    Explain,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Want {
    /// A rule id.
    RuleId,
    /// An Access Analyzer or Parliament code (a rule's, or one of the coverage table).
    Code,
    /// A rule category.
    Category,
    /// A rule id or code (what `policy-lsp explain` takes).
    RuleOrCode,
}

#[derive(Debug)]
struct Reference {
    file: String,
    line: usize,
    source: Source,
    name: String,
    /// `Err(reason)` when the name does not exist or is not accepted.
    verdict: Result<(), String>,
}

#[derive(Default)]
struct Found {
    refs: Vec<Reference>,
}

impl Found {
    fn add(&mut self, file: &str, line: usize, source: Source, name: &str, want: Want) {
        let verdict = check_name(name, want);
        self.push(file, line, source, name, verdict);
    }

    fn push(
        &mut self,
        file: &str,
        line: usize,
        source: Source,
        name: &str,
        verdict: Result<(), String>,
    ) {
        self.refs.push(Reference {
            file: file.to_string(),
            line,
            source,
            name: name.to_string(),
            verdict,
        });
    }

    fn bad(&self) -> Vec<&Reference> {
        self.refs.iter().filter(|r| r.verdict.is_err()).collect()
    }

    fn count(&self, source: Source) -> usize {
        self.refs.iter().filter(|r| r.source == source).count()
    }

    fn names(&self) -> Vec<&str> {
        self.refs.iter().map(|r| r.name.as_str()).collect()
    }
}

fn is_code(name: &str) -> bool {
    RULES
        .iter()
        .any(|r| r.access_analyzer.contains(&name) || r.parliament.contains(&name))
        || ACCESS_ANALYZER_CODES.contains(&name)
}

fn check_name(name: &str, want: Want) -> Result<(), String> {
    let ok = match want {
        Want::RuleId => rule(name).is_some(),
        Want::Code => is_code(name),
        Want::Category => category(name).is_some(),
        Want::RuleOrCode => rule_by_any_name(name).is_some(),
    };
    if ok {
        Ok(())
    } else {
        let what = match want {
            Want::RuleId => "no rule has this id",
            Want::Code => "no rule or coverage entry has this code",
            Want::Category => "no rule category has this name",
            Want::RuleOrCode => "`policy-lsp explain` knows no rule id or code of this name",
        };
        Err(what.to_string())
    }
}

fn is_kebab(s: &str) -> bool {
    // `wildcard-action`, `s3-missing-secure-transport`: lowercase words joined by hyphens.
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() >= 2
        && parts[0].starts_with(|c: char| c.is_ascii_lowercase())
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn is_upper_snake(s: &str) -> bool {
    // `INVALID_SERVICE_IN_ACTION`: at least one underscore, so that metavariables such
    // as `RULE` or `ID` are not codes.
    s.contains('_')
        && s.starts_with(|c: char| c.is_ascii_uppercase())
        && !s.ends_with('_')
        && s.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// `policy-lsp explain ARG`, `:PolicyLspExplain ARG` (6).
fn scan_explain(file: &str, text: &str, found: &mut Found) {
    for cmd in ["policy-lsp explain ", ":PolicyLspExplain "] {
        let mut from = 0;
        while let Some(pos) = text[from..].find(cmd) {
            let at = from + pos + cmd.len();
            from = at;
            let arg: String = text[at..]
                .chars()
                .take_while(|c| !c.is_whitespace() && !"`'\")".contains(*c))
                .collect();
            if is_kebab(&arg) || is_upper_snake(&arg) {
                found.add(
                    file,
                    line_at(text, at),
                    Source::Explain,
                    &arg,
                    Want::RuleOrCode,
                );
            }
        }
    }
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// The files to read, as git knows them: tracked, or new and not ignored.
fn doc_files() -> Vec<String> {
    let out = Command::new("git")
        .args([
            "ls-files",
            "--cached",
            "--others",
            "--exclude-standard",
            "--",
            "README.md",
            "examples",
            "editors",
        ])
        .current_dir(repo())
        .output()
        .expect("this test lists the files with `git ls-files`: is git installed?");
    assert!(
        out.status.success(),
        "git ls-files failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|f| {
            let name = f.rsplit('/').next().unwrap_or(f);
            let ext = name.rsplit_once('.').map_or("", |(_, e)| e);
            !f.split('/').any(|part| part == "node_modules")
                && name != "package-lock.json"
                && !["png", "jpg", "jpeg", "gif", "svg", "ico", "vsix"].contains(&ext)
        })
        .map(str::to_string)
        .collect();
    files.sort();
    files.dedup();
    files
}

fn scan_file(file: &str, text: &str, found: &mut Found) {
    scan_severity_tables(file, text, found);
    scan_explain(file, text, found);
    if file.ends_with(".md") {
        scan_markdown(file, text, found);
    }
    if file.ends_with("package.json") && text.contains("\"contributes\"") {
        scan_package_json(file, text, found);
    }
}

fn report(found: &Found) -> String {
    let mut by_source: BTreeMap<Source, usize> = BTreeMap::new();
    for r in &found.refs {
        *by_source.entry(r.source).or_default() += 1;
    }
    let mut s = format!("{} references: {by_source:?}\n", found.refs.len());
    for r in found.bad() {
        s += &format!(
            "  {}:{}: `{}` ({:?}): {}\n",
            r.file,
            r.line,
            r.name,
            r.source,
            r.verdict.as_ref().unwrap_err()
        );
    }
    s
}

#[test]
fn every_rule_named_in_docs_settings_and_examples_exists() {
    let root = repo();
    let files = doc_files();
    assert!(
        files.iter().any(|f| f == "README.md")
            && files.iter().any(|f| f == "editors/vscode/package.json")
            && files.iter().any(|f| f.starts_with("examples/")),
        "git ls-files did not list the docs: {files:?}"
    );
    let mut found = Found::default();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(root.join(f)) else {
            continue; // not UTF-8: not a document
        };
        scan_file(f, &text, &mut found);
    }
    let bad = found.bad();
    assert!(
        bad.is_empty(),
        "names of rules, codes or categories that do not exist (or that the settings \
         parser rejects):\n{}",
        report(&found)
    );
    // Each kind of place holds references today; an extractor that finds nothing is broken.
    let minimum = [
        (Source::Toml, 4),            // README's policy-lsp.toml: [rules] and [[ignore]]
        (Source::SettingsTable, 5), // Neovim README (2), init.lua, lsp/policy_lsp.lua, VS Code README
        (Source::PackageJson, 1),   // the policyLsp.rules description
        (Source::MarkdownTable, 300), // README's rules and coverage tables
        (Source::Prose, 2),         // README: the statements-to-add diagnostics
        (Source::Explain, 1),       // README: an explain example
    ];
    for (source, min) in minimum {
        assert!(
            found.count(source) >= min,
            "only {} {source:?} references found (at least {min} expected): the extractor \
             no longer sees them\n{}",
            found.count(source),
            report(&found)
        );
    }
    eprintln!("{}", report(&found));
}

/// The extractors on snippets: they find names where the syntax says a rule is named,
/// and nothing elsewhere; unknown names fail.
#[test]
fn extractors_take_rule_names_only_where_rules_are_named() {
    let mut found = Found::default();
    let lua = r#"
require('policy_lsp').setup({
  settings = {
    rules = { ['wildcard-action'] = 'error', ["old-version"] = 'off' },
    kinds = { ['keys/**/*.json'] = 'kms-key' },
  },
})
-- rules = { ['missing-sid'] = 'warning' },
-- rules = { ... }
local schema = { rules = { type = 'object', description = 'Severity by rule id.' } }
"#;
    scan_file("x.lua", lua, &mut found);
    let md = r#"
# Title

The `policy-lsp` binary and `kms-key` documents; `some-package` at test time.
They are quick fixes of the `s3-missing-secure-transport` / `kms-no-root-admin`
diagnostics; the rule `made-up-rule` does not exist. Run `policy-lsp explain RULE`,
`policy-lsp explain INVALID_SERVICE_IN_ACTION` or `:PolicyLspExplain [RULE-ID]`.

| rule | category | Access Analyzer / Parliament |
|---|---|---|
| `unknown-action` | correctness | INVALID_ACTION, NOT_A_CODE |

| kind | file |
|---|---|
| `kms-key` | `*.kms.json` |

```toml
[rules]
unknown-action = "warning"
style = "off"
no-such-rule = "off"
```

```jsonc
{ "policyLsp.rules": { "unknown-service": "error" }, "policyLsp.trace.server": "off" }
```
"#;
    scan_file("x.md", md, &mut found);
    let pkg = r#"{ "contributes": { "configuration": { "properties": {
      "policyLsp.rules": { "type": "object", "default": {},
        "markdownDescription": "e.g. `{ \"action-case\": \"off\", \"missing-sid\": \"off\" }`" },
      "policyLsp.trace.server": { "type": "string", "default": "off" } } } } }"#;
    scan_file("package.json", pkg, &mut found);

    let mut names = found.names();
    names.sort();
    let mut expected = vec![
        "wildcard-action",
        "old-version",
        "missing-sid",
        "s3-missing-secure-transport",
        "kms-no-root-admin",
        "made-up-rule",
        "INVALID_SERVICE_IN_ACTION",
        "unknown-action",
        "correctness",
        "INVALID_ACTION",
        "NOT_A_CODE",
        "unknown-action",
        "style",
        "no-such-rule",
        "(policy-lsp.toml block)",
        "unknown-service",
        "action-case",
        "missing-sid",
    ];
    expected.sort();
    assert_eq!(names, expected, "{}", report(&found));
    let mut bad: Vec<&str> = found.bad().iter().map(|r| r.name.as_str()).collect();
    bad.sort();
    assert_eq!(
        bad,
        [
            "(policy-lsp.toml block)",
            "NOT_A_CODE",
            "made-up-rule",
            "missing-sid",
            "missing-sid",
            "no-such-rule",
            "wildcard-action"
        ],
        "{}",
        report(&found)
    );
}
