//! The `LanguageServer` implementation. Each handler converts its inputs, calls one
//! `ide` function on a fresh analysis snapshot and converts the result.

use super::config::{self as settings, Settings};
use super::convert::{self, from_proto, to_proto};
use super::files::Env;
use super::store::{self, Document, Store};
use super::transport::log_stderr;
use crate::analysis::Analysis;
use crate::config::Config;
use crate::ide;
use crate::syntax::Encoding;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;
use tower_lsp::jsonrpc::{Error, Result};
use tower_lsp::lsp_types::notification::Notification;
use tower_lsp::lsp_types::*;
use tower_lsp::{Client, LanguageServer};

/// How long diagnostics wait for more edits before being computed and published, unless
/// the `diagnosticsDelayMs` setting says otherwise: none. Analysis takes about a
/// millisecond for a 20 KB policy, and edits that arrive while one runs are coalesced
/// (see [`Backend::schedule`]), so a fixed wait would only add latency.
pub const DEBOUNCE: Duration = Duration::ZERO;
pub const FIX_ALL_KIND: &str = "source.fixAll.policy-lsp";
/// Config files wherever they are in the workspace.
const FILE_WATCH_GLOBS: &[&str] = &["**/policy-lsp.toml", "**/.policy-lsp.toml"];
const WATCH_ID: &str = "policy-lsp/watched-files";
/// How often config and notes files are looked at when the client cannot watch them.
const POLL_INTERVAL: Duration = Duration::from_secs(2);

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

#[derive(Clone)]
pub struct Backend {
    client: Client,
    state: Arc<State>,
}

struct State {
    store: Mutex<Store>,
    /// (generation, config): the generation changes with every settings change.
    config: RwLock<(u64, Arc<Config>)>,
    session: RwLock<Session>,
    pending_warnings: Mutex<Vec<String>>,
    files: Mutex<super::files::ConfigFiles>,
    notes: Mutex<super::files::NotesCache>,
    /// The globs the client should watch, and those it was asked to (held while asking).
    watch_wanted: Mutex<Vec<String>>,
    watch_registered: tokio::sync::Mutex<Vec<String>>,
    shutdown: Arc<AtomicBool>,
    io: String,
}

#[derive(Clone, Copy, Debug)]
struct Session {
    enc: Encoding,
    document_changes: bool,
    configuration: bool,
    pull_diagnostics: bool,
    /// The client resolves completion items' documentation lazily
    /// (`completionItem/resolve`), so lists are sent without it.
    resolve_documentation: bool,
    delay: Duration,
    debug_requests: bool,
    /// The client watches files for us (`workspace/didChangeWatchedFiles` with dynamic
    /// registration); otherwise config and notes files are polled.
    watch_files: bool,
}

/// One document's analysis for one version, and the config and notes it was made with.
struct Snapshot {
    version: i32,
    analysis: Arc<Analysis>,
    env: Arc<Env>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs an `ide` call; a panic becomes an internal error instead of a crash.
fn guarded<T>(what: &str, f: impl FnOnce() -> T) -> Result<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|_| {
        log_stderr(&format!(
            "policy-lsp: internal error in {what} (panic caught)"
        ));
        Error::internal_error()
    })
}

impl Backend {
    /// `io` says what stdin and stdout are (logged once the client is initialized).
    pub fn new(client: Client, shutdown: Arc<AtomicBool>, io: String) -> Backend {
        let session = Session {
            enc: Encoding::Utf16,
            document_changes: false,
            configuration: false,
            pull_diagnostics: false,
            resolve_documentation: false,
            delay: DEBOUNCE,
            debug_requests: false,
            watch_files: false,
        };
        let state = State {
            store: Mutex::new(Store::default()),
            config: RwLock::new((0, Arc::new(Config::new()))),
            session: RwLock::new(session),
            pending_warnings: Mutex::new(Vec::new()),
            files: Mutex::new(super::files::ConfigFiles::default()),
            notes: Mutex::new(super::files::NotesCache::default()),
            watch_wanted: Mutex::new(Vec::new()),
            watch_registered: tokio::sync::Mutex::new(Vec::new()),
            shutdown,
            io,
        };
        Backend {
            client,
            state: Arc::new(state),
        }
    }

    fn session(&self) -> Session {
        *self.state.session.read().unwrap_or_else(|p| p.into_inner())
    }

    fn config(&self) -> (u64, Arc<Config>) {
        self.state
            .config
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Resolves the config and notes of the document at `file_name` from the file
    /// system: the nearest config file (re-read when it changed) under the editor
    /// settings, and the notes it names. Only didOpen and the refreshes after a change
    /// of settings or files call it; requests read what it gave ([`Snapshot::env`]).
    /// Problems with config or notes files are queued for the user once.
    fn resolve_env(&self, file_name: &str) -> Arc<Env> {
        let (generation, editor) = self.config();
        let found = lock(&self.state.files).lookup(file_name, generation, &editor);
        let (notes, notes_messages) = lock(&self.state.notes).get(&found.config);
        {
            let mut pending = lock(&self.state.pending_warnings);
            pending.extend(found.messages);
            pending.extend(notes_messages);
        }
        Arc::new(Env {
            stamp: found.stamp,
            config: found.config,
            notes,
        })
    }

    /// Resolves every open document's config and notes again (settings or files
    /// changed) and re-publishes those whose answers change.
    async fn refresh_envs(&self) {
        let docs: Vec<(Url, String)> = lock(&self.state.store)
            .docs
            .iter()
            .map(|(u, d)| (u.clone(), d.file_name.clone()))
            .collect();
        let mut changed = Vec::new();
        for (uri, name) in docs {
            let env = self.resolve_env(&name);
            if let Some(doc) = lock(&self.state.store).docs.get_mut(&uri) {
                if !doc.env.same(&env) {
                    doc.env = env;
                    changed.push(uri);
                }
            }
        }
        for uri in &changed {
            self.schedule(uri);
        }
        self.watch_files();
        let pending = std::mem::take(&mut *lock(&self.state.pending_warnings));
        self.show_warnings(pending).await;
    }

    /// Asks the client to watch the config file names and the open documents' notes
    /// paths (when it can watch files for us and the set changed); clients that cannot
    /// are polled instead ([`Backend::poll_files`]). The registration is a request to
    /// the client: it is sent from a task of its own, so no handler waits for it.
    fn watch_files(&self) {
        if !self.session().watch_files {
            return;
        }
        let mut globs: Vec<String> = FILE_WATCH_GLOBS.iter().map(|g| g.to_string()).collect();
        {
            let store = lock(&self.state.store);
            for doc in store.docs.values() {
                for p in &doc.env.config.notes_paths {
                    let p = p.to_string_lossy().replace('\\', "/");
                    globs.push(if p.ends_with(".md") || p.ends_with(".markdown") {
                        p
                    } else {
                        format!("{}/**/*.md", p.trim_end_matches('/'))
                    });
                }
            }
        }
        globs.sort();
        globs.dedup();
        {
            let mut wanted = lock(&self.state.watch_wanted);
            if *wanted == globs {
                return;
            }
            *wanted = globs;
        }
        let this = self.clone();
        tokio::spawn(async move {
            // One registration at a time, each for the latest wanted set.
            let mut registered = this.state.watch_registered.lock().await;
            let wanted = lock(&this.state.watch_wanted).clone();
            if *registered == wanted {
                return;
            }
            if !registered.is_empty() {
                let _ = this
                    .client
                    .unregister_capability(vec![Unregistration {
                        id: WATCH_ID.to_string(),
                        method: "workspace/didChangeWatchedFiles".to_string(),
                    }])
                    .await;
            }
            let watchers = wanted
                .iter()
                .map(|g| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(g.clone()),
                    kind: None,
                })
                .collect();
            let registration = Registration {
                id: WATCH_ID.to_string(),
                method: "workspace/didChangeWatchedFiles".to_string(),
                register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions {
                    watchers,
                })
                .ok(),
            };
            match this.client.register_capability(vec![registration]).await {
                Ok(()) => *registered = wanted,
                Err(e) => log_stderr(&format!(
                    "policy-lsp: the client did not register file watchers ({e})"
                )),
            }
        });
    }

    /// For clients that cannot watch files: looks at config and notes files every
    /// [`POLL_INTERVAL`], in the background, until shutdown.
    fn poll_files(&self) {
        let this = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(POLL_INTERVAL);
            tick.tick().await;
            while !this.state.shutdown.load(Ordering::SeqCst) {
                tick.tick().await;
                this.refresh_envs().await;
            }
        });
    }

    fn set_config(&self, config: Config) {
        let mut guard = self.state.config.write().unwrap_or_else(|p| p.into_inner());
        *guard = (guard.0 + 1, Arc::new(config));
    }

    fn current_version(&self, uri: &Url) -> Option<i32> {
        lock(&self.state.store).docs.get(uri).map(|d| d.version)
    }

    /// The analysis of the document's current text and config, computed if needed
    /// (outside the lock) and stored unless the document changed meanwhile.
    fn snapshot(&self, uri: &Url) -> Option<Snapshot> {
        let (text, version, name, was_policy, env) = {
            let store = lock(&self.state.store);
            let doc = store.docs.get(uri)?;
            if doc.analyzed == Some((doc.version, doc.env.stamp)) {
                return Some(Snapshot {
                    version: doc.version,
                    analysis: doc.analysis.clone(),
                    env: doc.env.clone(),
                });
            }
            (
                doc.rope.to_string(),
                doc.version,
                doc.file_name.clone(),
                doc.was_policy,
                doc.env.clone(),
            )
        };
        let (mut analysis, panicked) = store::analyze_guarded(&text, &name, &env.config);
        analysis.is_policy |= was_policy;
        if panicked {
            log_stderr(&format!(
                "policy-lsp: internal error analyzing {uri} (panic caught)"
            ));
        }
        let analysis = Arc::new(analysis);
        if let Some(doc) = lock(&self.state.store).docs.get_mut(uri) {
            if doc.version == version && Arc::ptr_eq(&doc.env, &env) {
                doc.analysis = analysis.clone();
                doc.analyzed = Some((version, env.stamp));
                doc.was_policy |= analysis.is_policy;
            }
        }
        Some(Snapshot {
            version,
            analysis,
            env,
        })
    }

    /// Publishes the document's diagnostics for its current text and config. One task
    /// per document does it: while one is on its way (waiting its turn, or analysing),
    /// further calls only mark the document changed, and the task analyses again, the
    /// latest version only, once it has published. So edits that arrive while an
    /// analysis runs are coalesced, at no cost when analysis keeps up. Before each round
    /// the task waits the `diagnosticsDelayMs` setting (none by default) and lets input
    /// already received be read first, so a burst of edits is analysed once.
    fn schedule(&self, uri: &Url) {
        {
            let mut store = lock(&self.state.store);
            let Some(doc) = store.docs.get_mut(uri) else {
                return;
            };
            doc.changed = true;
            if doc.publishing {
                return;
            }
            doc.publishing = true;
        }
        let this = self.clone();
        let uri = uri.clone();
        tokio::spawn(async move {
            loop {
                let delay = this.session().delay;
                if delay.is_zero() {
                    tokio::task::yield_now().await;
                } else {
                    tokio::time::sleep(delay).await;
                }
                {
                    let mut store = lock(&this.state.store);
                    let Some(doc) = store.docs.get_mut(&uri) else {
                        return;
                    };
                    doc.changed = false;
                }
                if let Some(snap) = this.snapshot(&uri) {
                    this.publish(&uri, &snap).await;
                }
                let mut store = lock(&this.state.store);
                let Some(doc) = store.docs.get_mut(&uri) else {
                    return;
                };
                if !doc.changed {
                    doc.publishing = false;
                    return;
                }
            }
        });
    }

    async fn publish(&self, uri: &Url, snap: &Snapshot) {
        let session = self.session();
        let analysis = &snap.analysis;
        if !session.pull_diagnostics {
            let Ok(diags) = guarded("diagnostics", || diagnostics(analysis, session.enc)) else {
                return;
            };
            if self.current_version(uri) != Some(snap.version) {
                return; // stale: a newer version's task will publish
            }
            self.client
                .publish_diagnostics(uri.clone(), diags, Some(snap.version))
                .await;
        }
        let pending = std::mem::take(&mut *lock(&self.state.pending_warnings));
        self.show_warnings(pending).await;
        let status = ide::status(analysis);
        let params = StatusParams {
            uri: uri.clone(),
            kind: status.kind.to_string(),
            reason: status.reason,
            catalog_date: snap.env.config.catalog().provenance().date.clone(),
        };
        self.client
            .send_notification::<StatusNotification>(params)
            .await;
    }

    async fn apply_settings(&self, s: Settings, warnings: Vec<String>) {
        if let Some(ms) = s.diagnostics_delay_ms {
            self.state
                .session
                .write()
                .unwrap_or_else(|p| p.into_inner())
                .delay = Duration::from_millis(ms);
        }
        self.set_config(s.config);
        self.show_warnings(warnings).await;
        self.refresh_envs().await;
    }

    async fn show_warnings(&self, warnings: Vec<String>) {
        if warnings.is_empty() {
            return;
        }
        let text = format!("policy-lsp: {}", warnings.join("; "));
        self.client.log_message(MessageType::WARNING, &text).await;
        self.client.show_message(MessageType::WARNING, text).await;
    }
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

fn diagnostics(analysis: &Analysis, enc: Encoding) -> Vec<Diagnostic> {
    ide::diagnostics(analysis)
        .iter()
        .map(|d| to_proto::diagnostic(analysis, d, enc))
        .collect()
}

fn capabilities(session: &Session) -> ServerCapabilities {
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
