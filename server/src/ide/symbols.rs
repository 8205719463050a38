//! Document structure: symbols (policy → statements → elements), folding ranges and
//! selection ranges.

use crate::analysis::Analysis;
use crate::model::{self, Statement};
use crate::syntax::{Encoding, Member, Node, PathStep, TextRange, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SymbolKind {
    /// A resource or block of a host file that holds policies.
    Resource,
    /// The whole policy.
    Policy,
    Statement,
    /// An element of the policy or of a statement (Version, Effect, Action, ...).
    Element,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    /// The whole extent of the symbol.
    pub range: TextRange,
    /// The part to highlight when the symbol is selected; inside `range`.
    pub selection_range: TextRange,
    pub children: Vec<Symbol>,
}

/// One symbol for the policy, with its top-level elements and statements as children.
pub fn document_symbols(analysis: &Analysis) -> Vec<Symbol> {
    if analysis.host.is_some() {
        return super::embedded::document_symbols(analysis);
    }
    if !analysis.is_policy {
        return Vec::new();
    }
    let Some(policy) = analysis.policy() else {
        return Vec::new();
    };
    let mut children = Vec::new();
    for m in [policy.version, policy.id].into_iter().flatten() {
        children.push(element(m));
    }
    for st in &policy.statements {
        children.push(statement(st));
    }
    let root = policy.root;
    let selection = TextRange::new(
        root.range.start as usize,
        (root.range.start as usize + 1).min(root.range.end as usize),
    );
    let detail = model::value(policy.id)
        .and_then(Node::as_str)
        .map(str::to_string);
    vec![Symbol {
        name: analysis.kind.kind.title().to_string(),
        detail,
        kind: SymbolKind::Policy,
        range: root.range,
        selection_range: selection,
        children,
    }]
}

fn statement(st: &Statement<'_>) -> Symbol {
    let sid = st
        .sid
        .and_then(|m| m.value.as_ref())
        .filter(|v| v.as_str().is_some_and(|s| !s.is_empty()));
    let name = match sid.and_then(Node::as_str) {
        Some(s) => s.to_string(),
        None => format!("#{}", st.index + 1),
    };
    let selection_range = match sid {
        Some(v) => v.range,
        None => TextRange::new(
            st.node.range.start as usize,
            (st.node.range.start as usize + 1).min(st.node.range.end as usize),
        ),
    };
    let detail = model::value(st.effect)
        .and_then(Node::as_str)
        .map(str::to_string);
    let children = st
        .node
        .as_object()
        .map_or_else(Vec::new, |o| o.members.iter().map(element).collect());
    Symbol {
        name,
        detail,
        kind: SymbolKind::Statement,
        range: st.node.range,
        selection_range,
        children,
    }
}

fn element(m: &Member) -> Symbol {
    Symbol {
        name: m.key.text.clone(),
        detail: m.value.as_ref().and_then(summary),
        kind: SymbolKind::Element,
        range: m.range(),
        selection_range: m.key.range,
        children: Vec::new(),
    }
}

/// A short description of a value: the string itself, or the first strings of an array.
fn summary(v: &Node) -> Option<String> {
    const MAX: usize = 60;
    let text = match &v.value {
        Value::String(s) => s.text.clone(),
        Value::Array(a) => {
            let items: Vec<&str> = a.items.iter().filter_map(Node::as_str).collect();
            if items.is_empty() {
                return None;
            }
            items.join(", ")
        }
        Value::Number(n) => n.clone(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    if text.chars().count() > MAX {
        Some(format!("{}…", text.chars().take(MAX).collect::<String>()))
    } else {
        Some(text)
    }
}

/// A foldable region, by 0-based lines (inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fold {
    pub start_line: u32,
    pub end_line: u32,
}

/// Objects and arrays that span lines. When the closing bracket starts its own line,
/// the fold stops on the line before it, so the bracket stays visible.
pub fn folding_ranges(analysis: &Analysis) -> Vec<Fold> {
    let mut acc = Vec::new();
    if !analysis.is_policy {
        return acc;
    }
    let Some(root) = analysis.parse.root.as_ref() else {
        return acc;
    };
    let text = analysis.text.as_str();
    let line = |offset: usize| analysis.line_index.line_col(text, offset, Encoding::Utf8);
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        let closed = match &node.value {
            Value::Object(o) => {
                stack.extend(o.members.iter().filter_map(|m| m.value.as_ref()));
                o.closed
            }
            Value::Array(a) => {
                stack.extend(a.items.iter());
                a.closed
            }
            _ => continue,
        };
        let start = line(node.range.start as usize).line;
        let end_pos = if closed {
            (node.range.end as usize).saturating_sub(1)
        } else {
            node.range.end as usize
        };
        let end = line(end_pos);
        let bracket_alone = closed
            && text
                .get(end_pos - end.col as usize..end_pos)
                .is_some_and(|s| s.trim().is_empty());
        let end_line = if bracket_alone {
            end.line.saturating_sub(1)
        } else {
            end.line
        };
        if end_line > start {
            acc.push(Fold {
                start_line: start,
                end_line,
            });
        }
    }
    acc.sort_by_key(|f| (f.start_line, f.end_line));
    acc
}

/// Ranges around `offset` from the innermost outwards, each containing the previous:
/// string contents, key or value, member, object or array, ... the whole document.
pub fn selection_ranges(analysis: &Analysis, offset: usize) -> Vec<TextRange> {
    let Some(root) = analysis.parse.root.as_ref() else {
        return vec![TextRange::new(0, analysis.text.len())];
    };
    let mut acc = vec![TextRange::new(0, analysis.text.len()), root.range];
    let mut cur = root;
    for step in root.path_at(offset) {
        match step {
            PathStep::Member(m) => {
                acc.push(m.range());
                let Some(v) = m.value.as_ref() else { break };
                acc.push(v.range);
                cur = v;
            }
            PathStep::Key(m) => {
                acc.push(m.range());
                acc.push(m.key.range);
                let inner_end = if m.key.closed {
                    m.key.range.end.saturating_sub(1)
                } else {
                    m.key.range.end
                };
                acc.push(TextRange::new(
                    m.key.range.start as usize + 1,
                    inner_end as usize,
                ));
                break;
            }
            PathStep::Index(i) => {
                let Some(it) = cur.as_array().and_then(|a| a.items.get(i)) else {
                    break;
                };
                acc.push(it.range);
                cur = it;
            }
        }
    }
    if let Some(last) = acc.last().copied() {
        if last == cur.range && matches!(cur.value, Value::String(_)) {
            acc.push(cur.inner_range());
        }
    }
    // Keep a strictly nesting chain: drop repeats and anything not inside its parent.
    let mut res: Vec<TextRange> = Vec::new();
    for r in acc {
        match res.last() {
            Some(p)
                if *p == r
                    || r.start < p.start
                    || r.end > p.end
                    || !r.touches(offset) && !r.is_empty() => {}
            _ => res.push(r),
        }
    }
    res.reverse();
    res
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::config::Config;
    use crate::ide::test_utils::extract_offset;

    const POLICY: &str = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Sid\": \"ReadLogs\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\"logs:Get*\", \"logs:Describe*\"],\n      \"Resource\": \"*\"\n    },\n    { \"Effect\": \"Deny\", \"Action\": \"*\", \"Resource\": \"*\" }\n  ]\n}\n";

    fn render(symbols: &[Symbol], text: &str, depth: usize, out: &mut String) {
        for s in symbols {
            out.push_str(&format!(
                "{}{:?} {} [{}] sel={:?}\n",
                "  ".repeat(depth),
                s.kind,
                s.name,
                s.detail.clone().unwrap_or_default(),
                &text[s.selection_range.as_range()]
            ));
            assert!(
                s.range.start <= s.selection_range.start && s.selection_range.end <= s.range.end
            );
            render(&s.children, text, depth + 1, out);
        }
    }

    #[test]
    fn symbols_by_sid_or_position() {
        let analysis = analyze(POLICY, Some("p.json"), &Config::default());
        let mut out = String::new();
        render(&document_symbols(&analysis), POLICY, 0, &mut out);
        expect_test::expect![[r#"
            Policy IAM identity policy [] sel="{"
              Element Version [2012-10-17] sel="\"Version\""
              Statement ReadLogs [Allow] sel="\"ReadLogs\""
                Element Sid [ReadLogs] sel="\"Sid\""
                Element Effect [Allow] sel="\"Effect\""
                Element Action [logs:Get*, logs:Describe*] sel="\"Action\""
                Element Resource [*] sel="\"Resource\""
              Statement #2 [Deny] sel="{"
                Element Effect [Deny] sel="\"Effect\""
                Element Action [*] sel="\"Action\""
                Element Resource [*] sel="\"Resource\""
        "#]]
        .assert_eq(&out);
    }

    #[test]
    fn no_symbols_or_folds_for_non_policies() {
        let analysis = analyze(
            "{\n \"name\": \"x\",\n \"scripts\": {\n  \"a\": \"b\"\n }\n}",
            Some("package.json"),
            &Config::default(),
        );
        assert!(document_symbols(&analysis).is_empty());
        assert!(folding_ranges(&analysis).is_empty());
    }

    #[test]
    fn folds_multi_line_objects_and_arrays() {
        let analysis = analyze(POLICY, Some("p.json"), &Config::default());
        let folds: Vec<(u32, u32)> = folding_ranges(&analysis)
            .iter()
            .map(|f| (f.start_line, f.end_line))
            .collect();
        assert_eq!(folds, vec![(0, 10), (2, 9), (3, 7)]);
    }

    #[test]
    fn selection_grows_outwards() {
        let (text, offset) =
            extract_offset("{\"Statement\": [{\"Action\": [\"s3:Get$0Object\"]}]}");
        let analysis = analyze(&text, Some("p.json"), &Config::default());
        let got: Vec<&str> = selection_ranges(&analysis, offset)
            .iter()
            .map(|r| &text[r.as_range()])
            .collect();
        assert_eq!(
            got,
            vec![
                "s3:GetObject",
                "\"s3:GetObject\"",
                "[\"s3:GetObject\"]",
                "\"Action\": [\"s3:GetObject\"]",
                "{\"Action\": [\"s3:GetObject\"]}",
                "[{\"Action\": [\"s3:GetObject\"]}]",
                "\"Statement\": [{\"Action\": [\"s3:GetObject\"]}]",
                "{\"Statement\": [{\"Action\": [\"s3:GetObject\"]}]}",
            ]
        );
    }
}
