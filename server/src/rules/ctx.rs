//! What a rule sees of one document: its text, tree, policy view, kind, config, line
//! index and catalog; and how it reports.

use super::Rule;
use crate::catalog::Catalog;
use crate::config::Config;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::model::{KindInfo, Policy};
use crate::syntax::{Encoding, LineIndex, Parse, TextRange};

/// What the rules see.
pub struct RuleCtx<'a> {
    pub text: &'a str,
    pub parse: &'a Parse,
    pub policy: Option<&'a Policy<'a>>,
    pub kind: &'a KindInfo,
    pub config: &'a Config,
    pub line_index: &'a LineIndex,
    pub catalog: &'a Catalog,
}

impl RuleCtx<'_> {
    /// A diagnostic for `rule` with its default severity (the config is applied later).
    pub fn diag(&self, rule: &'static Rule, range: TextRange, message: String) -> Diagnostic {
        rule.diag(range, message)
    }
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_index
            .line_col(self.text, offset, Encoding::Utf8)
            .line as usize
    }
}

/// How a name the catalog does not know is reported: at least a warning (more likely a
/// name newer than the catalog than a typo), unless the catalog's closest name
/// `suggestion` is a likely typo of `written` (then the rule's level). With a closest
/// name the message becomes `message(name)` and a safe fix replaces the finding's range
/// with `replacement(name)`.
pub(crate) fn did_you_mean(
    d: &mut Diagnostic,
    written: &str,
    suggestion: Option<String>,
    message: impl FnOnce(&str) -> String,
    replacement: impl FnOnce(&str) -> String,
) {
    let level = d.severity;
    d.severity = level.max(Severity::Warning);
    let Some(s) = suggestion else { return };
    if crate::suggest::likely_typo(written, &s) {
        d.severity = level;
    }
    d.message = message(&s);
    d.fixes.push(Fix::replace(
        format!("Change to \"{s}\""),
        d.range,
        replacement(&s),
        Applicability::Safe,
    ));
}
