//! Findings and fixes, independent of any protocol.

pub mod human;
pub mod json_edit;

use crate::syntax::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }
    /// The name used by the JSON output contract (LSP's words).
    pub fn lsp_name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "information",
            Severity::Hint => "hint",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" | "information" => Some(Severity::Info),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

/// Whether a fix may be applied without a look at it (after Ruff's `Applicability`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Applicability {
    /// Shown to the user, never applied.
    DisplayOnly,
    /// Changes what the policy grants or denies: offered as a code action only.
    Unsafe,
    /// Keeps the policy's meaning apart from correcting the mistake: applied by the
    /// editor's fix-all.
    Safe,
}

/// One text replacement in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub range: TextRange,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    /// Sorted by range, non-overlapping.
    pub edits: Vec<Edit>,
    /// Only safe fixes are applied by fix-all.
    pub applicability: Applicability,
}

impl Fix {
    pub fn replace(
        title: impl Into<String>,
        range: TextRange,
        text: impl Into<String>,
        applicability: Applicability,
    ) -> Fix {
        Fix {
            title: title.into(),
            edits: vec![Edit {
                range,
                text: text.into(),
            }],
            applicability,
        }
    }
    pub fn is_safe(&self) -> bool {
        self.applicability == Applicability::Safe
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub rule: &'static str,
    pub severity: Severity,
    pub range: TextRange,
    pub message: String,
    pub fixes: Vec<Fix>,
}

/// Applies edits (sorted, non-overlapping) to `text`. Overlapping edits are skipped.
pub fn apply_edits(text: &str, edits: &[Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut res = String::with_capacity(text.len());
    let mut pos = 0usize;
    for e in sorted {
        let (s, t) = (e.range.start as usize, e.range.end as usize);
        if s < pos || t > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(t) {
            continue;
        }
        res.push_str(&text[pos..s]);
        res.push_str(&e.text);
        pos = t;
    }
    res.push_str(&text[pos..]);
    res
}
