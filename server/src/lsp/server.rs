//! The `LanguageServer` implementation. Each handler has one shape: convert the
//! request (`from_proto`), call `ide` on the document's snapshot, convert the result
//! (`to_proto`); [`Backend::with_snapshot`] is the preamble they share.

use super::config as settings;
use super::convert::{from_proto, to_proto};
use super::extensions::EXPLAIN_COMMAND;
use super::session::{initialize_result, Session};
use super::state::{guarded, lock, Backend, Snapshot};
use super::store::{self, Document};
use super::transport::log_stderr;
use crate::ide;
use serde_json::Value;
use tower_lsp::jsonrpc::Result;
use tower_lsp::lsp_types::*;
use tower_lsp::LanguageServer;

pub use super::convert::to_proto::FIX_ALL_KIND;

#[tower_lsp::async_trait]
impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let parsed = params
            .initialization_options
            .as_ref()
            .and_then(settings::parse);
        let session = Session::negotiate(&params.capabilities, parsed.as_ref().map(|(s, _)| s));
        *self
            .state
            .session
            .write()
            .unwrap_or_else(|p| p.into_inner()) = session;
        if let Some((s, warnings)) = parsed {
            self.set_config(s.config);
            lock(&self.state.pending_warnings).extend(warnings);
        }
        Ok(initialize_result(&session))
    }

    async fn initialized(&self, _: InitializedParams) {
        let started = format!(
            "policy-lsp {}: {}",
            env!("CARGO_PKG_VERSION"),
            self.state.io
        );
        self.client.log_message(MessageType::LOG, started).await;
        self.flush_warnings().await;
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
        self.state
            .shutdown
            .store(true, std::sync::atomic::Ordering::SeqCst);
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
        let document = Document::open(&doc.text, doc.version, file_name, env, analysis);
        lock(&self.state.store)
            .docs
            .insert(doc.uri.clone(), document);
        self.schedule(&doc.uri);
        self.watch_files();
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
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
            doc.version = params.text_document.version;
            res.is_ok()
        };
        if !applied {
            let text = format!("policy-lsp: could not apply an edit to {uri}; reopen the file");
            self.client.log_message(MessageType::ERROR, text).await;
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
            parsed = self.pull_settings().await;
        }
        if let Some((s, warnings)) = parsed {
            self.apply_settings(s, warnings).await;
        }
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let pos = params.text_document_position_params;
        let res = self.with_snapshot("hover", &pos.text_document.uri, |snap, s| {
            let (analysis, env) = (&snap.analysis, &snap.env);
            let offset = from_proto::offset(analysis, pos.position, s.enc);
            let catalog = env.config.catalog();
            let h = ide::hover::hover_with_notes(analysis, catalog, Some(&env.notes), offset)?;
            Some(to_proto::hover(analysis, h, s.enc))
        });
        self.flush_warnings().await;
        res
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let pos = params.text_document_position;
        let uri = pos.text_document.uri;
        self.with_snapshot("completion", &uri, |snap, s| {
            let analysis = &snap.analysis;
            let offset = from_proto::offset(analysis, pos.position, s.enc);
            let items = ide::completions(analysis, snap.env.config.catalog(), offset)?;
            // Documentation is sent for the item the client shows (completionItem/resolve
            // recomputes it from the same document version) when the client can ask.
            let lazy = s.resolve_documentation.then(|| to_proto::ResolveData {
                doc: to_proto::doc_key(&uri),
                version: snap.version,
                offset,
            });
            Some(to_proto::completion_list(
                analysis,
                items,
                s.enc,
                lazy.as_ref(),
            ))
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
        let Some(uri) = uri else {
            return Ok(item);
        };
        let doc = self.with_snapshot("completionItem/resolve", &uri, |snap, _| {
            // Unless the document changed since: then the item stays as it is.
            (snap.version == data.version).then(|| {
                let catalog = snap.env.config.catalog();
                ide::completion::documentation(&snap.analysis, catalog, data.offset, &item.label)
            })
        })?;
        let mut item = item;
        if let Some(doc) = doc {
            item.documentation = doc.map(to_proto::markdown_documentation);
        }
        Ok(item)
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let only = params.context.only.unwrap_or_default();
        self.with_snapshot("codeAction", &uri, |snap, s| {
            let analysis = &snap.analysis;
            let range = from_proto::range(analysis, params.range, s.enc);
            let mut actions = ide::code_actions(analysis, snap.env.config.catalog(), range);
            actions.extend(ide::fix_all(analysis));
            let target = to_proto::EditTarget {
                uri: &uri,
                version: snap.version,
                enc: s.enc,
                document_changes: s.document_changes,
            };
            Some(to_proto::code_actions(analysis, &target, actions, &only))
        })
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        self.with_snapshot("codeLens", &params.text_document.uri, |snap, s| {
            let analysis = &snap.analysis;
            let lenses = ide::code_lenses(analysis, snap.env.config.catalog());
            let res = lenses
                .iter()
                .map(|l| to_proto::code_lens(analysis, l, s.enc));
            Some(res.collect())
        })
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        self.with_snapshot("inlayHint", &params.text_document.uri, |snap, s| {
            let analysis = &snap.analysis;
            let range = from_proto::range(analysis, params.range, s.enc);
            let hints = ide::inlay_hints(analysis, snap.env.config.catalog(), range);
            let res = hints
                .iter()
                .map(|h| to_proto::inlay_hint(analysis, h, s.enc));
            Some(res.collect())
        })
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        self.with_snapshot("documentLink", &params.text_document.uri, |snap, s| {
            let analysis = &snap.analysis;
            let links = ide::document_links(analysis, snap.env.config.catalog());
            let res = links
                .iter()
                .filter_map(|l| to_proto::document_link(analysis, l, s.enc));
            Some(res.collect())
        })
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        self.with_snapshot("formatting", &params.text_document.uri, |snap, s| {
            let analysis = &snap.analysis;
            let opts = from_proto::format_options(&params.options);
            let edits = ide::format(analysis, opts);
            let res = edits
                .iter()
                .map(|e| to_proto::text_edit(analysis, e, s.enc));
            Some(res.collect())
        })
    }

    async fn range_formatting(
        &self,
        params: DocumentRangeFormattingParams,
    ) -> Result<Option<Vec<TextEdit>>> {
        self.with_snapshot("rangeFormatting", &params.text_document.uri, |snap, s| {
            let analysis = &snap.analysis;
            let opts = from_proto::format_options(&params.options);
            let range = from_proto::range(analysis, params.range, s.enc);
            let edits = ide::format_range(analysis, range, opts);
            let res = edits
                .iter()
                .map(|e| to_proto::text_edit(analysis, e, s.enc));
            Some(res.collect())
        })
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.with_snapshot("documentSymbol", &params.text_document.uri, |snap, s| {
            let analysis = &snap.analysis;
            let symbols = ide::document_symbols(analysis);
            let res = symbols
                .iter()
                .map(|it| to_proto::document_symbol(analysis, it, s.enc));
            Some(DocumentSymbolResponse::Nested(res.collect()))
        })
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.with_snapshot("foldingRange", &params.text_document.uri, |snap, _| {
            let folds = ide::folding_ranges(&snap.analysis);
            Some(folds.iter().map(to_proto::folding_range).collect())
        })
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        self.with_snapshot("selectionRange", &params.text_document.uri, |snap, s| {
            let analysis = &snap.analysis;
            let res = params.positions.iter().map(|&p| {
                let offset = from_proto::offset(analysis, p, s.enc);
                let ranges = ide::selection_ranges(analysis, offset);
                to_proto::selection_range(analysis, &ranges, p, s.enc)
            });
            Some(res.collect())
        })
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        match params.command.as_str() {
            EXPLAIN_COMMAND => self.explain(&params.arguments).map(Some),
            other => Err(tower_lsp::jsonrpc::Error::invalid_params(format!(
                "unknown command `{other}`"
            ))),
        }
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let uri = &params.text_document.uri;
        let res = self.with_snapshot("diagnostic", uri, |snap, s| {
            let items = to_proto::diagnostics(&snap.analysis, s.enc);
            Some((items, snap.version.to_string()))
        })?;
        let (items, result_id) = res.map_or((Vec::new(), None), |(i, v)| (i, Some(v)));
        Ok(to_proto::diagnostic_report(items, result_id))
    }
}

impl Backend {
    /// The preamble of every request about one document: its snapshot and the
    /// negotiated session, with `f` run under the panic guard ([`guarded`]). `None`
    /// when the document is not open.
    fn with_snapshot<T>(
        &self,
        what: &str,
        uri: &Url,
        f: impl FnOnce(&Snapshot, Session) -> Option<T>,
    ) -> Result<Option<T>> {
        let Some(snap) = self.snapshot(uri) else {
            return Ok(None);
        };
        let session = self.session();
        guarded(what, || f(&snap, session))
    }

    /// Shows the warnings queued so far (config or notes problems) to the user.
    pub(super) async fn flush_warnings(&self) {
        let pending = std::mem::take(&mut *lock(&self.state.pending_warnings));
        self.show_warnings(pending).await;
    }

    /// Pull model of `didChangeConfiguration`: the notification carries nothing, so
    /// our section is asked for.
    async fn pull_settings(&self) -> Option<(settings::Settings, Vec<String>)> {
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
        if !section.is_object() {
            return None;
        }
        settings::parse(&serde_json::json!({ "policyLsp": section }))
    }
}
