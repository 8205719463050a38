//! Mutants: one action misspelled in each policy must be found where it starts.

use super::{
    cfn_lint_good, config, line_of, real_cloudformation, real_terraform, terraform,
    tf_policy_validator, Corpus,
};
use policy_lsp::analysis::{analyze, Analysis};
use policy_lsp::config::Config;
use policy_lsp::diagnostic::Severity;
use policy_lsp::hosts;
use policy_lsp::hosts::{HNode, HValue, Piece};
use std::collections::BTreeSet;

/// Where a policy's first literal action is, and how to misspell it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Mutation {
    /// The policy's name.
    policy: String,
    /// The action as decoded.
    action: String,
    /// Host offset of the action's first byte.
    pub(crate) action_start: usize,
    /// Insert `ch` at this host offset.
    insert_at: usize,
    ch: char,
}

impl Mutation {
    pub(crate) fn apply(&self, text: &str) -> String {
        let mut res = text.to_string();
        res.insert(self.insert_at, self.ch);
        res
    }
}

/// The statements of a policy root (a list, one object, or choices of either).
fn statements(root: &HNode) -> Vec<&HNode> {
    fn flatten<'a>(n: &'a HNode, acc: &mut Vec<&'a HNode>) {
        match &n.value {
            HValue::Array(items) | HValue::Choice(items) => {
                for it in items {
                    flatten(it, acc);
                }
            }
            HValue::Object(_) => acc.push(n),
            _ => {}
        }
    }
    let mut acc = Vec::new();
    if let Some(st) = root.get_value("Statement") {
        flatten(st, &mut acc);
    }
    acc
}

/// The literal strings of an `Action` value, in order.
fn literal_strings<'a>(n: &'a HNode, acc: &mut Vec<&'a HNode>) {
    match &n.value {
        HValue::Array(items) | HValue::Choice(items) => {
            for it in items {
                literal_strings(it, acc);
            }
        }
        HValue::Str(s) if s.as_literal().is_some() => acc.push(n),
        _ => {}
    }
}

/// How to misspell `action` (decoded) held in `n`: the last letter of the name doubled;
/// for a name with a wildcard its first letter doubled; for `service:*` the service's
/// last letter doubled. `None` for text that is not `service:name`.
fn mutation(policy: &str, n: &HNode, text: &str) -> Option<Mutation> {
    let HValue::Str(s) = &n.value else {
        return None;
    };
    let [Piece::Text { text: decoded, map }] = s.pieces.as_slice() else {
        return None;
    };
    let (prefix, name) = decoded.split_once(':')?;
    if prefix.is_empty() || name.is_empty() || prefix.contains(['*', '?']) {
        return None;
    }
    let wildcard = name.contains(['*', '?']);
    let at = if !wildcard {
        // The name's last character.
        decoded.len() - name.chars().next_back()?.len_utf8()
    } else if name.starts_with(['*', '?']) {
        // `service:*`, `service:*Foo`: the service's last character.
        prefix.len() - prefix.chars().next_back()?.len_utf8()
    } else {
        prefix.len() + 1
    };
    let ch = decoded[at..].chars().next()?;
    let host_at = map.host(at);
    // The character must be written as-is in the host for the insertion to double it.
    if !text[host_at..].starts_with(ch) {
        return None;
    }
    Some(Mutation {
        policy: policy.to_string(),
        action: decoded.clone(),
        action_start: map.host(0),
        insert_at: host_at + ch.len_utf8(),
        ch,
    })
}

/// The candidate mutations of each policy of a host file: its literal actions (not
/// `*`) in order. Also returns the number of policies.
fn candidates(path: &str, text: &str) -> (usize, Vec<Vec<Mutation>>) {
    let Some(kind) = hosts::host_kind(Some(path), text) else {
        return (0, Vec::new());
    };
    let parsed = hosts::parse(kind, text).unwrap_or_default();
    let mut acc = Vec::new();
    for e in &parsed.policies {
        let mut literals = Vec::new();
        for st in statements(&e.root) {
            for key in ["Action", "NotAction"] {
                if let Some(v) = st.get_value(key) {
                    literal_strings(v, &mut literals);
                }
            }
        }
        let muts: Vec<Mutation> = literals
            .into_iter()
            .filter(|n| n.as_literal() != Some("*"))
            .filter_map(|n| mutation(&e.name, n, text))
            .collect();
        acc.push(muts);
    }
    (parsed.policies.len(), acc)
}

/// One mutation per policy: its first literal action that the file's own analysis does
/// not already report (a misspelling of an action already unknown proves nothing); each
/// action once (policies can share one).
pub(crate) fn mutations(path: &str, text: &str, before: &Analysis) -> (usize, Vec<Mutation>) {
    let (policies, cands) = candidates(path, text);
    let flagged: BTreeSet<usize> = before
        .diagnostics
        .iter()
        .map(|d| d.range.start as usize)
        .collect();
    let mut acc: Vec<Mutation> = Vec::new();
    for muts in cands {
        let first = muts
            .into_iter()
            .find(|m| !flagged.contains(&m.action_start));
        if let Some(m) = first {
            if !acc.iter().any(|x| x.insert_at == m.insert_at) {
                acc.push(m);
            }
        }
    }
    (policies, acc)
}

struct MutantReport {
    policies: usize,
    mutants: usize,
    found: usize,
    misses: Vec<String>,
}

/// Whether the mutant's analysis has a new error starting at the misspelled action.
fn mutant_found(config: &Config, path: &str, text: &str, m: &Mutation, before: &Analysis) -> bool {
    let mutated = m.apply(text);
    let a = analyze(&mutated, Some(path), config);
    let old: BTreeSet<(&str, u32)> = before
        .diagnostics
        .iter()
        .map(|d| (d.rule, d.range.start))
        .collect();
    a.diagnostics.iter().any(|d| {
        let start = d.range.start as usize;
        d.severity == Severity::Error
            && start == m.action_start
            && !old.contains(&(d.rule, d.range.start))
    })
}

fn run_mutants(c: &Corpus) -> MutantReport {
    let config = config();
    let mut report = MutantReport {
        policies: 0,
        mutants: 0,
        found: 0,
        misses: Vec::new(),
    };
    for (path, text) in &c.files {
        let before = analyze(text, Some(path), &config);
        let (policies, muts) = mutations(path, text, &before);
        report.policies += policies;
        for m in muts {
            report.mutants += 1;
            if mutant_found(&config, path, text, &m, &before) {
                report.found += 1;
            } else {
                let mutated = m.apply(text);
                let a = analyze(&mutated, Some(path), &config);
                let near: Vec<String> = a
                    .diagnostics
                    .iter()
                    .filter(|d| {
                        line_of(&mutated, d.range.start as usize)
                            == line_of(&mutated, m.action_start)
                    })
                    .map(|d| format!("{} {:?} @{}", d.rule, d.severity, d.range.start))
                    .collect();
                report.misses.push(format!(
                    "  {path}:{}: {} `{}` (+{:?} at {}; want an error at {}); on that line: {near:?}",
                    line_of(text, m.action_start),
                    m.policy,
                    m.action,
                    m.ch,
                    m.insert_at,
                    m.action_start
                ));
            }
        }
    }
    report
}

#[allow(clippy::print_stderr, clippy::cast_precision_loss)]
fn check_mutants(c: &Corpus) {
    let r = run_mutants(c);
    let ratio = r.found as f64 / r.mutants.max(1) as f64;
    eprintln!(
        "{}: {} policies, {} mutants, {} found ({:.1} %)",
        c.name,
        r.policies,
        r.mutants,
        r.found,
        ratio * 100.0
    );
    for m in &r.misses {
        eprintln!("{m}");
    }
    assert!(r.mutants > 0, "{}: no mutants", c.name);
    assert!(
        ratio >= 0.95,
        "{}: {} of {} mutants found, under 95 %:\n{}",
        c.name,
        r.found,
        r.mutants,
        r.misses.join("\n")
    );
}

#[test]
fn cfn_lint_good_templates_mutants_are_found() {
    check_mutants(cfn_lint_good());
}

#[test]
fn tf_policy_validator_mutants_are_found() {
    check_mutants(tf_policy_validator());
}

#[test]
fn terraform_corpus_mutants_are_found() {
    check_mutants(terraform());
}

#[test]
fn real_cloudformation_mutants_are_found() {
    check_mutants(real_cloudformation());
}

#[test]
fn real_terraform_mutants_are_found() {
    check_mutants(real_terraform());
}
