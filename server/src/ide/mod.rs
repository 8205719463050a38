//! IDE features: pure functions of an analysis snapshot and byte offsets, returning
//! plain data with byte ranges. The LSP layer converts positions and protocol types;
//! every decision about policy semantics is made here.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod code_actions;
pub mod completion;
pub mod context;
pub mod docs;
mod embedded;
pub mod explain;
pub mod fixes;
pub mod format;
pub mod hover;
pub mod lens;
pub mod symbols;

pub use code_actions::{code_actions, fix_all, ActionKind, CodeAction};
pub use format::{format, format_range, FormatOptions};
pub use hover::{hover, HoverInfo};
pub use lens::{code_lenses, document_links, inlay_hints, InlayHint, Lens, Link};
pub use symbols::{document_symbols, folding_ranges, selection_ranges, Fold, Symbol, SymbolKind};

use crate::analysis::Analysis;
use crate::diagnostic::Diagnostic;

/// The diagnostics to show for a document: none unless it is a policy, so that
/// `package.json` and `tsconfig.json` stay clean.
pub fn diagnostics(analysis: &Analysis) -> &[Diagnostic] {
    if analysis.is_policy {
        &analysis.diagnostics
    } else {
        &[]
    }
}

/// Completions at `offset`; `None` for JSON that is not a policy (a document that does
/// not parse yet may become one, so it gets them).
pub fn completions(
    analysis: &Analysis,
    catalog: &crate::catalog::Catalog,
    offset: usize,
) -> Option<Vec<completion::CompletionItem>> {
    if !analysis.is_policy && analysis.parse.root.is_some() {
        return None;
    }
    Some(completion::completions(analysis, catalog, offset))
}

/// What the editor's status item shows about a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// The kind's name (`identity`, `kms-key`, ...), or "" when the document is not a policy.
    pub kind: &'static str,
    pub reason: String,
}

pub fn status(analysis: &Analysis) -> Status {
    if let Some(host) = analysis.host.as_ref().filter(|_| analysis.is_policy) {
        // A template: the host, and how many policies of which kinds it holds.
        let mut kinds: Vec<(&str, usize)> = Vec::new();
        for p in &host.policies {
            let k = p.analysis.kind.kind.name();
            match kinds.iter_mut().find(|(n, _)| *n == k) {
                Some((_, c)) => *c += 1,
                None => kinds.push((k, 1)),
            }
        }
        let n = host.policies.len();
        let list: Vec<String> = kinds.iter().map(|(k, c)| format!("{c} {k}")).collect();
        return Status {
            kind: host.kind.name(),
            reason: match n {
                0 => format!("{}: no policies found", host.kind.name()),
                _ => format!(
                    "{}: {n} {} ({})",
                    host.kind.name(),
                    if n == 1 { "policy" } else { "policies" },
                    list.join(", ")
                ),
            },
        };
    }
    if analysis.is_policy {
        Status {
            kind: analysis.kind.kind.name(),
            reason: analysis.kind.reason.clone(),
        }
    } else {
        Status {
            kind: "",
            reason: "not a policy: the document has no top-level \"Statement\" or \"Version\""
                .to_string(),
        }
    }
}

#[cfg(test)]
pub(crate) mod test_utils;
