//! The protocol extensions: `policyLsp/status` (the detected kind, after each analysis),
//! `policyLsp/debugText` (tests) and `policyLsp/invalidMessage` (a malformed message).

use super::state::{lock, Backend};
use serde::{Deserialize, Serialize};
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
    /// The catalog's data date ("" until the catalog is wired in).
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
