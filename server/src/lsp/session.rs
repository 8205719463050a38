//! What was negotiated with the client at `initialize`, and the capabilities we announce.

use super::convert::{self, to_proto};
use super::server::FIX_ALL_KIND;
use crate::syntax::Encoding;
use std::time::Duration;
use tower_lsp::lsp_types::*;

#[derive(Clone, Copy, Debug)]
pub(super) struct Session {
    pub(super) enc: Encoding,
    pub(super) document_changes: bool,
    pub(super) configuration: bool,
    pub(super) pull_diagnostics: bool,
    /// The client resolves completion items' documentation lazily
    /// (`completionItem/resolve`), so lists are sent without it.
    pub(super) resolve_documentation: bool,
    pub(super) delay: Duration,
    pub(super) debug_requests: bool,
    /// The client watches files for us (`workspace/didChangeWatchedFiles` with dynamic
    /// registration); otherwise config and notes files are polled.
    pub(super) watch_files: bool,
}

pub(super) fn capabilities(session: &Session) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(convert::encoding_kind(session.enc)),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                ..Default::default()
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".to_string(), ":".to_string()]),
            resolve_provider: Some(session.resolve_documentation),
            ..Default::default()
        }),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::REFACTOR,
                CodeActionKind::new(FIX_ALL_KIND),
            ]),
            ..Default::default()
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        code_lens_provider: Some(CodeLensOptions {
            resolve_provider: Some(false),
        }),
        inlay_hint_provider: Some(OneOf::Left(true)),
        document_link_provider: Some(DocumentLinkOptions {
            resolve_provider: Some(false),
            work_done_progress_options: Default::default(),
        }),
        document_formatting_provider: Some(OneOf::Left(true)),
        document_range_formatting_provider: Some(OneOf::Left(true)),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
        diagnostic_provider: session.pull_diagnostics.then(|| {
            DiagnosticServerCapabilities::Options(DiagnosticOptions {
                identifier: Some(to_proto::SOURCE.to_string()),
                inter_file_dependencies: false,
                workspace_diagnostics: false,
                ..Default::default()
            })
        }),
        ..Default::default()
    }
}
