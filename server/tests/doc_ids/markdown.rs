//! Markdown: fenced TOML blocks (1), tables (4), and names in backticks next to the
//! noun rule(s) / diagnostic(s) in prose (5).

use super::{is_upper_snake, Found, Source, Want};
use policy_lsp::config::file::parse as parse_config_toml;
use policy_lsp::rules::{category_by_name as category, rule_by_any_name};

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
pub(crate) fn code_spans(text: &str) -> Vec<(usize, usize, &str)> {
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

pub(crate) fn scan_prose_block(file: &str, block: &str, first_line: usize, found: &mut Found) {
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
    let loaded = parse_config_toml(block, &base.join("policy-lsp.toml"), &base).and_then(|c| {
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

pub(crate) fn scan_markdown(file: &str, text: &str, found: &mut Found) {
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
