//! What was negotiated with the client at `initialize`, and the capabilities we announce.

use super::config::Settings;
use super::convert::{self, to_proto, to_proto::FIX_ALL_KIND};
use super::state::DEBOUNCE;
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

impl Session {
    /// What the client's capabilities and our `initializationOptions` settings give.
    pub(super) fn negotiate(caps: &ClientCapabilities, settings: Option<&Settings>) -> Session {
        let workspace = caps.workspace.as_ref();
        Session {
            enc: convert::negotiate_encoding(caps),
            document_changes: workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
            pull_diagnostics: settings.is_some_and(|s| s.pull_diagnostics),
            resolve_documentation: caps
                .text_document
                .as_ref()
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.resolve_support.as_ref())
                .is_some_and(|r| r.properties.iter().any(|p| p == "documentation")),
            delay: settings
                .and_then(|s| s.diagnostics_delay_ms)
                .map_or(DEBOUNCE, Duration::from_millis),
            debug_requests: settings.is_some_and(|s| s.debug_requests),
            watch_files: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
        }
    }
}

/// The answer to `initialize`.
pub(super) fn initialize_result(session: &Session) -> InitializeResult {
    InitializeResult {
        capabilities: capabilities(session),
        server_info: Some(ServerInfo {
            name: "policy-lsp".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    }
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
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: super::extensions::COMMANDS
                .iter()
                .map(|c| c.to_string())
                .collect(),
            work_done_progress_options: Default::default(),
        }),
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
