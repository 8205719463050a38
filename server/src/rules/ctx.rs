//! What a rule sees of one document: its text, tree, policy view, kind, config, line
//! index and catalog; and how it reports.

use super::Rule;
use crate::catalog::Catalog;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
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
