//! The protocol extensions: `policyLsp/status` (the detected kind, after each analysis),
//! `policyLsp/debugText` (tests), `policyLsp/invalidMessage` (a malformed message) and
//! the `policyLsp.explain` command (`workspace/executeCommand`).

use super::state::{guarded, lock, Backend};
use crate::ide;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::notification::Notification;
use tower_lsp::lsp_types::{TextDocumentIdentifier, Url};

/// `policyLsp/status`: the detected kind of a document, after each analysis.
pub enum StatusNotification {}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusParams {
    pub uri: Url,
    /// `identity`, `trust`, `resource`, `kms-key`, `s3-bucket`, `scp`; "" for non-policies.
    pub kind: String,
    pub reason: String,
    /// The date of the document's catalog data.
    pub catalog_date: String,
}

impl Notification for StatusNotification {
    type Params = StatusParams;
    const METHOD: &'static str = "policyLsp/status";
}

/// `policyLsp/debugText` (only with the `debugRequests` setting): the server's copy of
/// an open document, so tests can check that no edit was lost.
pub const DEBUG_TEXT_METHOD: &str = "policyLsp/debugText";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DebugTextParams {
    pub text_document: TextDocumentIdentifier,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebugTextResult {
    pub version: i32,
    pub text: String,
}

/// Params of `policyLsp/invalidMessage` (see `transport`).
#[derive(Clone, Debug, Deserialize)]
pub struct InvalidMessageParams {
    pub code: i64,
    pub message: String,
}

impl Backend {
    /// Stands in for a malformed message from the client: answers with its error.
    pub async fn invalid_message(&self, params: InvalidMessageParams) -> Result<()> {
        Err(Error {
            code: params.code.into(),
            message: params.message.into(),
            data: None,
        })
    }

    /// `policyLsp/debugText`; "method not found" unless `debugRequests` is on.
    pub async fn debug_text(&self, params: DebugTextParams) -> Result<Option<DebugTextResult>> {
        if !self.session().debug_requests {
            return Err(Error::method_not_found());
        }
        let store = lock(&self.state.store);
        Ok(store
            .docs
            .get(&params.text_document.uri)
            .map(|d| DebugTextResult {
                version: d.version,
                text: d.rope.to_string(),
            }))
    }
}

/// `workspace/executeCommand` `policyLsp.explain` with arguments `[ruleId]` or
/// `[ruleId, documentUri]`: the rule's documentation as Markdown (a JSON string), the
/// text `policy-lsp explain RULE` prints. With an open document's URI the notes are
/// those of its config (the team's and the built-in ones); without, the built-in ones.
pub const EXPLAIN_COMMAND: &str = "policyLsp.explain";

/// The commands `workspace/executeCommand` serves.
pub const COMMANDS: &[&str] = &[EXPLAIN_COMMAND];

impl Backend {
    /// `policyLsp.explain`; an unknown rule or bad arguments are `InvalidParams`.
    pub(super) fn explain(&self, args: &[Value]) -> Result<Value> {
        let Some(name) = args.first().and_then(Value::as_str) else {
            return Err(Error::invalid_params(
                "policyLsp.explain takes a rule id (and optionally a document URI)",
            ));
        };
        let Some(rule) = ide::explain::find_rule(name) else {
            return Err(Error::invalid_params(format!(
                "no rule `{name}`; `policy-lsp rules` lists them"
            )));
        };
        let uri = args.get(1).and_then(Value::as_str);
        let env = uri
            .and_then(|u| Url::parse(u).ok())
            .and_then(|u| lock(&self.state.store).docs.get(&u).map(|d| d.env.clone()));
        let builtin;
        let notes = match &env {
            Some(env) => &*env.notes,
            None => {
                builtin = crate::notes::Notes::new(&[], self.config().1.builtin_notes);
                &builtin
            }
        };
        let text = guarded(EXPLAIN_COMMAND, || ide::explain::explain(rule, Some(notes)))?;
        Ok(Value::String(text))
    }
}
