//! Open documents: one entry per URL holding the text (a rope), its version and the
//! analysis of that text, so text and results can never disagree.

use crate::analysis::{analyze, Analysis};
use crate::config::Config;
use ropey::Rope;
use std::collections::HashMap;
use std::sync::Arc;
use tower_lsp::lsp_types::Url;

pub struct Document {
    pub rope: Rope,
    pub version: i32,
    /// Config and notes for this document, resolved when it opened or when settings or
    /// watched files last changed.
    pub env: Arc<super::files::Env>,
    /// The analysis of `rope` when `analyzed == Some((version, env.stamp))`;
    /// otherwise that of an older text or config, recomputed on demand.
    pub analysis: Arc<Analysis>,
    pub analyzed: Option<(i32, u64)>,
    /// The path given to kind detection and config globs.
    pub file_name: String,
    /// Whether any analysis of this document since it was opened found a policy: it
    /// stays one while it is edited (deleting its first `{` must not hide the syntax
    /// error), until it is closed.
    pub was_policy: bool,
    /// A task is on its way to publish this document's diagnostics ([`Backend::schedule`]
    /// in `state.rs`), and whether something changed since it last looked.
    pub publishing: bool,
    pub changed: bool,
}

impl Document {
    /// A document as opened, with the analysis of its text.
    pub fn open(
        text: &str,
        version: i32,
        file_name: String,
        env: Arc<super::files::Env>,
        analysis: Analysis,
    ) -> Document {
        Document {
            rope: Rope::from_str(text),
            version,
            was_policy: analysis.is_policy,
            analysis: Arc::new(analysis),
            analyzed: Some((version, env.stamp)),
            env,
            file_name,
            publishing: false,
            changed: false,
        }
    }
}

#[derive(Default)]
pub struct Store {
    pub docs: HashMap<Url, Document>,
}

/// The name used for kind detection: the file path for `file:` URLs, else the URL's path.
pub fn file_name(uri: &Url) -> String {
    match uri.to_file_path() {
        Ok(p) => p.to_string_lossy().replace('\\', "/"),
        Err(()) => uri.path().to_string(),
    }
}

/// Analyzes `text`. A panic in the analyzer is caught and yields the analysis of an
/// empty document (no diagnostics) rather than taking the server down; the flag tells
/// whether that happened.
pub fn analyze_guarded(text: &str, file_name: &str, config: &Config) -> (Analysis, bool) {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        analyze(text, Some(file_name), config)
    })) {
        Ok(analysis) => (analysis, false),
        Err(_) => (analyze("", Some(file_name), &Config::default()), true),
    }
}
