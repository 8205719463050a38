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

use policy_lsp::config::file::parse as parse_config_toml;
use policy_lsp::diagnostic::Severity;
use policy_lsp::lsp::config::parse as parse_editor_settings;
use policy_lsp::rules::category_by_name as category;
use policy_lsp::rules::{coverage::ACCESS_ANALYZER_CODES, rule, rule_by_any_name, RULES};
use serde_json::{json, Value};
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

// ------------------------------------------------------------------------------------------
// 2. Severity tables after a `rules` key, in any file.

/// A quoted string at `s[i]` (`'` or `"`, backslash escapes): (content, index after it).
fn quoted(s: &[u8], i: usize) -> Option<(String, usize)> {
    let q = *s.get(i)?;
    if q != b'\'' && q != b'"' {
        return None;
    }
    let mut j = i + 1;
    let mut out = Vec::new();
    while j < s.len() {
        match s[j] {
            b'\\' if j + 1 < s.len() => {
                out.push(s[j + 1]);
                j += 2;
            }
            c if c == q => return Some((String::from_utf8_lossy(&out).into_owned(), j + 1)),
            b'\n' => return None,
            c => {
                out.push(c);
                j += 1;
            }
        }
    }
    None
}

fn skip_ws(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && s[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

fn is_word_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

/// The index of the `}` that closes the `{` at `open`, skipping strings.
fn matching_brace(s: &[u8], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = open;
    while i < s.len() {
        match s[i] {
            b'\'' | b'"' => {
                i = quoted(s, i).map_or(i + 1, |(_, end)| end);
                continue;
            }
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Entries `KEY = 'value'` / `KEY: "value"` at the top level of a table body, with the
/// byte offset of each key. Keys: quoted, `['quoted']`, or bare words.
fn string_entries(body: &[u8], base: usize) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c == b'{' || c == b'[' && quoted(body, i + 1).is_none() {
            depth += 1;
            i += 1;
            continue;
        }
        if (c == b'}' || c == b']') && depth > 0 {
            depth -= 1;
            i += 1;
            continue;
        }
        // A key at depth 0: `['x']`, `"x"`, `'x'` or a bare word.
        let start = i;
        let key = if depth > 0 {
            None
        } else if c == b'[' {
            quoted(body, i + 1).and_then(|(k, end)| {
                let end = skip_ws(body, end);
                (body.get(end) == Some(&b']')).then_some((k, end + 1))
            })
        } else if c == b'\'' || c == b'"' {
            quoted(body, i)
        } else if is_word_byte(c) && (i == 0 || !is_word_byte(body[i - 1])) {
            let mut j = i;
            while j < body.len() && (is_word_byte(body[j]) || body[j] == b'.') {
                j += 1;
            }
            Some((String::from_utf8_lossy(&body[i..j]).into_owned(), j))
        } else {
            None
        };
        let Some((key, after_key)) = key else {
            if c == b'\'' || c == b'"' {
                i = quoted(body, i).map_or(i + 1, |(_, end)| end);
            } else {
                i += 1;
            }
            continue;
        };
        let sep = skip_ws(body, after_key);
        if matches!(body.get(sep), Some(b'=') | Some(b':')) {
            let v = skip_ws(body, sep + 1);
            if let Some((value, end)) = quoted(body, v) {
                out.push((base + start, key, value));
                i = end;
                continue;
            }
        }
        i = after_key.max(start + 1);
    }
    out
}

fn is_severity(v: &str) -> bool {
    v.eq_ignore_ascii_case("off") || Severity::parse(v).is_some()
}

/// Checks one `name = level` entry of an editor-settings severity table with the server's
/// own settings parser.
fn settings_verdict(name: &str, level: &str) -> Result<(), String> {
    let value = json!({ "policyLsp": { "rules": { name: level } } });
    match parse_editor_settings(&value) {
        None => Err("the editor-settings parser took no settings from it".to_string()),
        Some((_, warnings)) if warnings.is_empty() => Ok(()),
        Some((_, warnings)) => Err(warnings.join("; ")),
    }
}

fn scan_severity_tables(file: &str, text: &str, found: &mut Found) {
    let s = text.as_bytes();
    let mut from = 0;
    while let Some(pos) = text[from..].find("rules") {
        let at = from + pos;
        from = at + 5;
        // `rules` as a whole key name: `rules`, `policyLsp.rules`, `"rules"`, `['rules']`.
        if at > 0 && is_word_byte(s[at - 1]) {
            continue;
        }
        let mut i = at + 5;
        if i < s.len() && is_word_byte(s[i]) {
            continue;
        }
        if matches!(s.get(i), Some(b'\'') | Some(b'"')) {
            i += 1;
        }
        if s.get(i) == Some(&b']') {
            i += 1;
        }
        i = skip_ws(s, i);
        if !matches!(s.get(i), Some(b'=') | Some(b':')) {
            continue;
        }
        i = skip_ws(s, i + 1);
        if s.get(i) != Some(&b'{') {
            continue;
        }
        let Some(close) = matching_brace(s, i) else {
            continue;
        };
        let entries = string_entries(&s[i + 1..close], i + 1);
        if !entries.iter().any(|(_, _, v)| is_severity(v)) {
            continue; // not a severity table (a schema, a placeholder `{ ... }`)
        }
        for (off, name, level) in entries {
            found.push(
                file,
                line_at(text, off),
                Source::SettingsTable,
                &name,
                settings_verdict(&name, &level),
            );
        }
    }
}

// ------------------------------------------------------------------------------------------
// 6. `policy-lsp explain ARG`, `:PolicyLspExplain ARG`.

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

// ------------------------------------------------------------------------------------------
// 5. Names in backticks next to the noun rule(s) / diagnostic(s).

const NOUNS: &[&str] = &["rule", "rules", "diagnostic", "diagnostics"];

fn ends_with_noun(before: &str) -> bool {
    let t = before.trim_end().trim_end_matches(':');
    let word: String = t
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    NOUNS.iter().any(|n| word.eq_ignore_ascii_case(n))
}

fn starts_with_noun(after: &str) -> bool {
    let word: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    NOUNS.iter().any(|n| word.eq_ignore_ascii_case(n))
}

/// Inline code spans of one prose block: (start of the opening backtick, end after the
/// closing one, content).
fn code_spans(text: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = text[i..].find('`') {
        let open = i + p;
        if text[open..].starts_with("``") {
            // Double backticks: skip to the closing pair.
            match text[open + 2..].find("``") {
                Some(q) => {
                    i = open + 2 + q + 2;
                    continue;
                }
                None => break,
            }
        }
        match text[open + 1..].find('`') {
            Some(q) => {
                let close = open + 1 + q;
                out.push((open, close + 1, &text[open + 1..close]));
                i = close + 1;
            }
            None => break,
        }
    }
    out
}

fn is_list_separator(between: &str) -> bool {
    let t = between.trim();
    t.is_empty() || matches!(t, "," | "/" | "and" | "or" | ", and" | ", or")
}

fn scan_prose_block(file: &str, block: &str, first_line: usize, found: &mut Found) {
    let spans = code_spans(block);
    let mut g = 0;
    while g < spans.len() {
        // A group: spans joined only by list separators.
        let mut h = g;
        while h + 1 < spans.len() && is_list_separator(&block[spans[h].1..spans[h + 1].0]) {
            h += 1;
        }
        let before = &block[..spans[g].0];
        let after = &block[spans[h].1..];
        if ends_with_noun(before) || starts_with_noun(after) {
            for (start, _, name) in &spans[g..=h] {
                let line = first_line + block[..*start].matches('\n').count();
                let want = if is_upper_snake(name) {
                    Want::Code
                } else {
                    Want::RuleId
                };
                found.add(file, line, Source::Prose, name, want);
            }
        }
        g = h + 1;
    }
}

// ------------------------------------------------------------------------------------------
// Markdown: fenced blocks (1), tables (4), prose (5).

fn table_cells(line: &str) -> Vec<&str> {
    let t = line.trim().trim_start_matches('|').trim_end_matches('|');
    t.split('|').map(str::trim).collect()
}

fn is_table_separator(line: &str) -> bool {
    let cells = table_cells(line);
    !cells.is_empty()
        && cells
            .iter()
            .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

fn scan_toml_block(file: &str, block: &str, first_line: usize, found: &mut Found) {
    let line_of = |needle: &str| {
        block
            .lines()
            .position(|l| l.contains(needle))
            .map_or(first_line, |i| first_line + i)
    };
    let table: toml::Table = match block.parse() {
        Ok(t) => t,
        Err(e) => {
            found.push(
                file,
                first_line,
                Source::Toml,
                "(toml block)",
                Err(format!("not valid TOML: {e}")),
            );
            return;
        }
    };
    // The whole block must load as a policy-lsp.toml.
    let base = std::env::temp_dir().join("policy-lsp-doc-ids");
    // (as `workspace::load_config` loads it: parsed, then its rule names checked).
    let loaded =
        parse_config_toml(block, &base.join("policy-lsp.toml"), &base).and_then(|(c, _)| {
            match policy_lsp::rules::unknown_name(&c) {
                Some((name, message)) => Err(policy_lsp::config::file::ConfigError {
                    file: base.join("policy-lsp.toml"),
                    line: policy_lsp::config::file::line_of(block, &name),
                    message,
                }),
                None => Ok(()),
            }
        });
    if let Err(e) = loaded {
        found.push(
            file,
            first_line + e.line.saturating_sub(1),
            Source::Toml,
            "(policy-lsp.toml block)",
            Err(format!("does not load: {}", e.message)),
        );
    }
    if let Some(rules) = table.get("rules").and_then(|v| v.as_table()) {
        for name in rules.keys() {
            let verdict = if category(name).is_some() || rule_by_any_name(name).is_some() {
                Ok(())
            } else {
                Err("not a rule id, code or category".to_string())
            };
            found.push(file, line_of(name), Source::Toml, name, verdict);
        }
    }
    if let Some(ignores) = table.get("ignore").and_then(|v| v.as_array()) {
        for ig in ignores {
            let names = ig.get("rules").and_then(|r| r.as_array());
            for name in names.into_iter().flatten().filter_map(|n| n.as_str()) {
                let verdict = if category(name).is_some() || rule_by_any_name(name).is_some() {
                    Ok(())
                } else {
                    Err("not a rule id, code or category".to_string())
                };
                found.push(file, line_of(name), Source::Toml, name, verdict);
            }
        }
    }
}

fn scan_markdown(file: &str, text: &str, found: &mut Found) {
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    let mut prose: Vec<(usize, &str)> = Vec::new(); // (1-based line, text)
    let flush = |prose: &mut Vec<(usize, &str)>, found: &mut Found| {
        if let Some(&(first, _)) = prose.first() {
            let block = prose.iter().map(|(_, l)| *l).collect::<Vec<_>>().join("\n");
            scan_prose_block(file, &block, first, found);
        }
        prose.clear();
    };
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            flush(&mut prose, found);
            let fence = &trimmed[..3];
            let info = trimmed[3..].trim().to_ascii_lowercase();
            let start = i + 1;
            let mut end = start;
            while end < lines.len() && !lines[end].trim_start().starts_with(fence) {
                end += 1;
            }
            if info == "toml" {
                let block = lines[start..end].join("\n");
                scan_toml_block(file, &block, start + 1, found);
            }
            i = end + 1;
            continue;
        }
        if trimmed.starts_with('|') && i + 1 < lines.len() && is_table_separator(lines[i + 1]) {
            flush(&mut prose, found);
            let header: Vec<String> = table_cells(line)
                .iter()
                .map(|c| c.to_ascii_lowercase())
                .collect();
            let mut r = i + 2;
            while r < lines.len() && lines[r].trim_start().starts_with('|') {
                for (col, cell) in table_cells(lines[r]).iter().enumerate() {
                    let Some(h) = header.get(col) else { continue };
                    if h.contains("rule") {
                        for (_, _, name) in code_spans(cell) {
                            found.add(file, r + 1, Source::MarkdownTable, name, Want::RuleId);
                        }
                    } else if h.contains("access analyzer") || h.contains("parliament") {
                        for word in cell.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')) {
                            if is_upper_snake(word)
                                || (word.len() > 1 && word.chars().all(|c| c.is_ascii_uppercase()))
                            {
                                found.add(file, r + 1, Source::MarkdownTable, word, Want::Code);
                            }
                        }
                    } else if h == "category" {
                        found.add(file, r + 1, Source::MarkdownTable, cell, Want::Category);
                    }
                }
                r += 1;
            }
            i = r;
            continue;
        }
        let is_item = trimmed.starts_with("- ")
            || trimmed.starts_with("* ")
            || trimmed
                .split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        if trimmed.is_empty() || trimmed.starts_with('#') || is_item {
            flush(&mut prose, found);
        }
        if !trimmed.is_empty() {
            prose.push((i + 1, line));
        }
        i += 1;
    }
    flush(&mut prose, found);
}

// ------------------------------------------------------------------------------------------
// 3. package.json: the `*.rules` setting's default and description examples; Markdown
// descriptions as prose.

fn scan_package_json(file: &str, text: &str, found: &mut Found) {
    let json: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            found.push(
                file,
                0,
                Source::PackageJson,
                "(package.json)",
                Err(e.to_string()),
            );
            return;
        }
    };
    let line_of = |needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .map_or(0, |i| i + 1)
    };
    let configs = match &json["contributes"]["configuration"] {
        Value::Array(a) => a.clone(),
        v @ Value::Object(_) => vec![v.clone()],
        _ => vec![],
    };
    for cfg in &configs {
        let Some(props) = cfg["properties"].as_object() else {
            continue;
        };
        for (name, prop) in props {
            let line = line_of(&format!("\"{name}\""));
            for key in ["description", "markdownDescription"] {
                if let Some(d) = prop[key].as_str() {
                    scan_prose_block(file, d, line, found);
                    scan_explain(file, d, found);
                }
            }
            if !name.ends_with(".rules") {
                continue;
            }
            let mut tables = Vec::new();
            if let Some(obj) = prop["default"].as_object() {
                tables.push(obj.clone());
            }
            for key in ["description", "markdownDescription"] {
                for (_, _, code) in code_spans(prop[key].as_str().unwrap_or("")) {
                    if let Ok(Value::Object(obj)) = serde_json::from_str::<Value>(code) {
                        tables.push(obj);
                    }
                }
            }
            for table in tables {
                for (rule_name, level) in table {
                    let verdict = match level.as_str() {
                        Some(l) => settings_verdict(&rule_name, l),
                        None => Err(format!("the level {level} is not a string")),
                    };
                    found.push(file, line, Source::PackageJson, &rule_name, verdict);
                }
            }
        }
    }
}

// ------------------------------------------------------------------------------------------

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
