//! The `LanguageServer` implementation. Each handler converts its inputs, calls one
//! `ide` function on the document's snapshot and converts the result.

use super::config::{self as settings};
use super::convert::{self, from_proto, to_proto};
use super::session::{capabilities, Session};
use super::state::{diagnostics, guarded, lock, Backend, DEBOUNCE};
use super::store::{self, Document};
use super::transport::log_stderr;
use crate::analysis::Analysis;
use crate::ide;
use crate::syntax::Encoding;
use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;
use tower_lsp::LanguageServer;

pub const FIX_ALL_KIND: &str = "source.fixAll.policy-lsp";

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = &params.capabilities;
        let workspace = caps.workspace.as_ref();
        let parsed = params
            .initialization_options
            .as_ref()
            .and_then(settings::parse);
        let session = Session {
            enc: convert::negotiate_encoding(caps),
            document_changes: workspace
                .and_then(|w| w.workspace_edit.as_ref())
                .and_then(|e| e.document_changes)
                .unwrap_or(false),
            configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
            pull_diagnostics: parsed.as_ref().is_some_and(|(s, _)| s.pull_diagnostics),
            resolve_documentation: caps
                .text_document
                .as_ref()
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.resolve_support.as_ref())
                .is_some_and(|r| r.properties.iter().any(|p| p == "documentation")),
            delay: parsed
                .as_ref()
                .and_then(|(s, _)| s.diagnostics_delay_ms)
                .map_or(DEBOUNCE, Duration::from_millis),
            debug_requests: parsed.as_ref().is_some_and(|(s, _)| s.debug_requests),
            watch_files: workspace
                .and_then(|w| w.did_change_watched_files.as_ref())
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
        };
        *self
            .state
            .session
            .write()
            .unwrap_or_else(|p| p.into_inner()) = session;
        if let Some((s, warnings)) = parsed {
            self.set_config(s.config);
            lock(&self.state.pending_warnings).extend(warnings);
        }
        Ok(InitializeResult {
            capabilities: capabilities(&session),
            server_info: Some(ServerInfo {
                name: "policy-lsp".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let started = format!(
            "policy-lsp {}: {}",
            env!("CARGO_PKG_VERSION"),
            self.state.io
        );
        self.client.log_message(MessageType::LOG, started).await;
        let warnings = std::mem::take(&mut *lock(&self.state.pending_warnings));
        self.show_warnings(warnings).await;
        if self.session().watch_files {
            self.watch_files();
        } else {
            self.poll_files();
        }
    }

    async fn did_change_watched_files(&self, _: DidChangeWatchedFilesParams) {
        self.refresh_envs().await;
    }

    async fn shutdown(&self) -> Result<()> {
        self.state.shutdown.store(true, Ordering::SeqCst);
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let file_name = store::file_name(&doc.uri);
        lock(&self.state.notes).new_round(); // a newly opened document reads its notes afresh
        let env = self.resolve_env(&file_name);
        let (analysis, panicked) = store::analyze_guarded(&doc.text, &file_name, &env.config);
        if panicked {
            log_stderr(&format!(
                "policy-lsp: internal error analyzing {} (panic caught)",
                doc.uri
            ));
        }
        let document = Document {
            rope: ropey::Rope::from_str(&doc.text),
            version: doc.version,
            was_policy: analysis.is_policy,
            analysis: Arc::new(analysis),
            analyzed: Some((doc.version, env.stamp)),
            env,
            file_name,
            publishing: false,
            changed: false,
        };
        lock(&self.state.store)
            .docs
            .insert(doc.uri.clone(), document);
        self.schedule(&doc.uri);
        self.watch_files();
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let enc = self.session().enc;
        let applied = {
            let mut store = lock(&self.state.store);
            let Some(doc) = store.docs.get_mut(&uri) else {
                return;
            };
            let res = guarded("didChange", || {
                for change in &params.content_changes {
                    from_proto::apply_change(&mut doc.rope, change, enc);
                }
            });
            doc.version = version;
            res.is_ok()
        };
        if !applied {
            self.client
                .log_message(
                    MessageType::ERROR,
                    format!("policy-lsp: could not apply an edit to {uri}; reopen the file"),
                )
                .await;
        }
        self.schedule(&uri);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        lock(&self.state.store).docs.remove(&uri);
        if !self.session().pull_diagnostics {
            self.client.publish_diagnostics(uri, Vec::new(), None).await;
        }
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        // Settings without a policyLsp section (Neovim sends `{}` after start-up) keep
        // the current ones, such as those from initializationOptions.
        let mut parsed = settings::parse(&params.settings);
        if parsed.is_none() && self.session().configuration {
            // Pull model: the notification carries nothing; ask for our section.
            let item = ConfigurationItem {
                scope_uri: None,
                section: Some("policyLsp".to_string()),
            };
            let values = self
                .client
                .configuration(vec![item])
                .await
                .unwrap_or_default();
            let section = values.into_iter().next().unwrap_or_default();
            if section.is_object() {
                parsed = settings::parse(&serde_json::json!({ "policyLsp": section }));
            }
        }
        if let Some((s, warnings)) = parsed {
            self.apply_settings(s, warnings).await;
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let pos = params.text_document_position_params;
        let Some(snap) = self.snapshot(&pos.text_document.uri) else {
            return Ok(None);
        };
        let (analysis, enc) = (&snap.analysis, self.session().enc);
        let config = snap.env.config.clone();
        let notes = snap.env.notes.clone();
        let res = guarded("hover", || {
            let offset = from_proto::offset(analysis, pos.position, enc);
            ide::hover::hover_with_notes(analysis, config.catalog(), Some(&notes), offset).map(
                |h| Hover {
                    contents: HoverContents::Markup(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value: h.markdown,
                    }),
                    range: Some(to_proto::range(analysis, h.range, enc)),
                },
            )
        });
        let pending = std::mem::take(&mut *lock(&self.state.pending_warnings));
        self.show_warnings(pending).await;
        res
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let pos = params.text_document_position;
        let uri = pos.text_document.uri;
        let Some(snap) = self.snapshot(&uri) else {
            return Ok(None);
        };
        let (analysis, session) = (&snap.analysis, self.session());
        let config = snap.env.config.clone();
        guarded("completion", || {
            if !analysis.is_policy && analysis.parse.root.is_some() {
                return None;
            }
            let offset = from_proto::offset(analysis, pos.position, session.enc);
            let items = ide::completion::completions(analysis, config.catalog(), offset);
            // Documentation is sent for the item the client shows (completionItem/resolve
            // recomputes it from the same document version) when the client can ask.
            let lazy = session
                .resolve_documentation
                .then(|| to_proto::ResolveData {
                    doc: to_proto::doc_key(&uri),
                    version: snap.version,
                    offset,
                });
            let items: Vec<CompletionItem> = items
                .into_iter()
                .enumerate()
                .map(|(i, it)| {
                    to_proto::completion_item(analysis, it, session.enc, i, lazy.as_ref())
                })
                .collect();
            Some(CompletionResponse::List(CompletionList {
                is_incomplete: true,
                items,
            }))
        })
    }

    async fn completion_resolve(&self, item: CompletionItem) -> Result<CompletionItem> {
        let Some(data) = item.data.as_ref().and_then(from_proto::resolve_data) else {
            return Ok(item);
        };
        let uri = lock(&self.state.store)
            .docs
            .keys()
            .find(|u| to_proto::doc_key(u) == data.doc)
            .cloned();
        let Some(snap) = uri.and_then(|u| self.snapshot(&u)) else {
            return Ok(item);
        };
        if snap.version != data.version {
            return Ok(item); // the document changed since: leave the item as it is
        }
        let config = snap.env.config.clone();
        let analysis = &snap.analysis;
        let doc = guarded("completionItem/resolve", || {
            ide::completion::documentation(analysis, config.catalog(), data.offset, &item.label)
        })?;
        let mut item = item;
        item.documentation = doc.map(to_proto::markdown_documentation);
        Ok(item)
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(snap) = self.snapshot(&uri) else {
            return Ok(None);
        };
        let (analysis, session) = (&snap.analysis, self.session());
        let config = snap.env.config.clone();
        let only = params.context.only.unwrap_or_default();
        let wanted = |kind: &CodeActionKind| {
            only.is_empty()
                || only.iter().any(|k| {
                    kind.as_str() == k.as_str()
                        || kind.as_str().starts_with(&format!("{}.", k.as_str()))
                })
        };
        guarded("codeAction", || {
            let range = from_proto::range(analysis, params.range, session.enc);
            let mut actions = ide::code_actions(analysis, config.catalog(), range);
            actions.extend(ide::fix_all(analysis));
            let all = ide::diagnostics(analysis);
            let res: Vec<CodeActionOrCommand> = actions
                .into_iter()
                .filter_map(|action| {
                    let kind = match action.kind {
                        ide::ActionKind::QuickFix => CodeActionKind::QUICKFIX,
                        ide::ActionKind::Refactor => CodeActionKind::REFACTOR,
                        ide::ActionKind::FixAll => CodeActionKind::new(FIX_ALL_KIND),
                    };
                    if !wanted(&kind) {
                        return None;
                    }
                    let diagnostics = action
                        .diagnostics
                        .iter()
                        .filter_map(|&i| all.get(i))
                        .map(|d| to_proto::diagnostic(analysis, d, session.enc));
                    let edit = to_proto::workspace_edit(
                        analysis,
                        &uri,
                        snap.version,
                        &action.edits,
                        session.enc,
                        session.document_changes,
                    );
                    Some(CodeActionOrCommand::CodeAction(CodeAction {
                        title: action.title,
                        kind: Some(kind),
                        diagnostics: Some(diagnostics.collect()),
                        edit: Some(edit),
                        is_preferred: action.preferred.then_some(true),
                        ..Default::default()
                    }))
                })
                .collect();
            Some(res)
        })
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        let Some(snap) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        let (analysis, enc) = (&snap.analysis, self.session().enc);
        let config = snap.env.config.clone();
        guarded("codeLens", || {
            let lenses = ide::code_lenses(analysis, config.catalog());
            Some(
                lenses
                    .iter()
                    .map(|l| to_proto::code_lens(analysis, l, enc))
                    .collect(),
            )
        })
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        let Some(snap) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        let (analysis, enc) = (&snap.analysis, self.session().enc);
        let config = snap.env.config.clone();
        guarded("inlayHint", || {
            let range = from_proto::range(analysis, params.range, enc);
            let hints = ide::inlay_hints(analysis, config.catalog(), range);
            Some(
                hints
                    .iter()
                    .map(|h| to_proto::inlay_hint(analysis, h, enc))
                    .collect(),
            )
        })
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        let Some(snap) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        let (analysis, enc) = (&snap.analysis, self.session().enc);
        let config = snap.env.config.clone();
        guarded("documentLink", || {
            let links = ide::document_links(analysis, config.catalog());
            Some(
                links
                    .iter()
                    .filter_map(|l| to_proto::document_link(analysis, l, enc))
                    .collect(),
            )
        })
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        let Some(snap) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        let (analysis, enc) = (&snap.analysis, self.session().enc);
        guarded("formatting", || {
            let opts = from_proto::format_options(&params.options);
            let edits = ide::format(analysis, opts);
            Some(
                edits
                    .iter()
                    .map(|e| to_proto::text_edit(analysis, e, enc))
                    .collect(),
            )
        })
    }

    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        let Some(snap) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        let (analysis, enc) = (&snap.analysis, self.session().enc);
        guarded("rangeFormatting", || {
            let opts = from_proto::format_options(&params.options);
            let range = from_proto::range(analysis, params.range, enc);
            let edits = ide::format_range(analysis, range, opts);
            Some(
                edits
                    .iter()
                    .map(|e| to_proto::text_edit(analysis, e, enc))
                    .collect(),
            )
        })
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(snap) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        let (analysis, enc) = (&snap.analysis, self.session().enc);
        guarded("documentSymbol", || {
            let symbols = ide::document_symbols(analysis);
            Some(DocumentSymbolResponse::Nested(
                symbols.iter().map(|s| symbol(analysis, s, enc)).collect(),
            ))
        })
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(snap) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        guarded("foldingRange", || {
            let folds = ide::folding_ranges(&snap.analysis);
            Some(
                folds
                    .iter()
                    .map(|f| FoldingRange {
                        start_line: f.start_line,
                        end_line: f.end_line,
                        ..Default::default()
                    })
                    .collect(),
            )
        })
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        let Some(snap) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        let (analysis, enc) = (&snap.analysis, self.session().enc);
        guarded("selectionRange", || {
            let res = params.positions.iter().map(|&p| {
                let ranges = ide::selection_ranges(analysis, from_proto::offset(analysis, p, enc));
                let mut cur: Option<SelectionRange> = None;
                for r in ranges.iter().rev() {
                    cur = Some(SelectionRange {
                        range: to_proto::range(analysis, *r, enc),
                        parent: cur.map(Box::new),
                    });
                }
                cur.unwrap_or(SelectionRange {
                    range: Range { start: p, end: p },
                    parent: None,
                })
            });
            Some(res.collect())
        })
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let snap = self.snapshot(&params.text_document.uri);
        let enc = self.session().enc;
        let items = match &snap {
            Some(snap) => guarded("diagnostic", || diagnostics(&snap.analysis, enc))?,
            None => Vec::new(),
        };
        let report = FullDocumentDiagnosticReport {
            result_id: snap.map(|s| s.version.to_string()),
            items,
        };
        Ok(DocumentDiagnosticReportResult::Report(
            DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
                related_documents: None::<HashMap<Url, DocumentDiagnosticReportKind>>,
                full_document_diagnostic_report: report,
            }),
        ))
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be filled in
fn symbol(analysis: &Analysis, s: &ide::Symbol, enc: Encoding) -> DocumentSymbol {
    let kind = match s.kind {
        ide::SymbolKind::Policy => SymbolKind::FILE,
        ide::SymbolKind::Statement => SymbolKind::OBJECT,
        ide::SymbolKind::Element => SymbolKind::PROPERTY,
    };
    DocumentSymbol {
        name: s.name.clone(),
        detail: s.detail.clone(),
        kind,
        tags: None,
        deprecated: None,
        range: to_proto::range(analysis, s.range, enc),
        selection_range: to_proto::range(analysis, s.selection_range, enc),
        children: Some(
            s.children
                .iter()
                .map(|c| symbol(analysis, c, enc))
                .collect(),
        ),
    }
}
