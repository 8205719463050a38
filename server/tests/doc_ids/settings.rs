//! Severity tables after a `rules` key, in any file (2), and `package.json`: the
//! `*.rules` setting's default and the examples in its description (3), its Markdown
//! descriptions read as prose.

use super::{line_at, scan_explain, Found, Source};
use crate::markdown::{code_spans, scan_prose_block};
use policy_lsp::diagnostic::Severity;
use policy_lsp::lsp::config::parse as parse_editor_settings;
use serde_json::{json, Value};

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

pub(crate) fn scan_severity_tables(file: &str, text: &str, found: &mut Found) {
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

pub(crate) fn scan_package_json(file: &str, text: &str, found: &mut Found) {
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
