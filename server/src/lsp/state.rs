//! The server's state and the work it does between requests: documents and their
//! analyses, config and notes resolved on change, publishing diagnostics, file watching.

use super::config::Settings;
use super::convert::to_proto;
use super::files::Env;
use super::store::{self, Store};
use super::transport::log_stderr;
use crate::analysis::Analysis;
use crate::config::Config;
use crate::ide;
use crate::syntax::Encoding;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;
use tower_lsp::jsonrpc::{Error, Result};

use super::extensions::{StatusNotification, StatusParams};
use super::session::Session;
use tower_lsp::lsp_types::*;
use tower_lsp::Client;

/// How long diagnostics wait for more edits before being computed and published, unless
/// the `diagnosticsDelayMs` setting says otherwise: none. Analysis takes about a
/// millisecond for a 20 KB policy, and edits that arrive while one runs are coalesced
/// (see [`Backend::schedule`]), so a fixed wait would only add latency.
pub const DEBOUNCE: Duration = Duration::ZERO;
/// Config files wherever they are in the workspace.
const FILE_WATCH_GLOBS: &[&str] = &["**/policy-lsp.toml", "**/.policy-lsp.toml"];
const WATCH_ID: &str = "policy-lsp/watched-files";
/// How often config and notes files are looked at when the client cannot watch them.
const POLL_INTERVAL: Duration = Duration::from_secs(2);

#[derive(Clone)]
pub struct Backend {
    pub(super) client: Client,
    pub(super) state: Arc<State>,
}

pub(super) struct State {
    pub(super) store: Mutex<Store>,
    /// (generation, config): the generation changes with every settings change.
    pub(super) config: RwLock<(u64, Arc<Config>)>,
    pub(super) session: RwLock<Session>,
    pub(super) pending_warnings: Mutex<Vec<String>>,
    pub(super) files: Mutex<super::files::ConfigFiles>,
    pub(super) notes: Mutex<super::files::NotesCache>,
    /// The globs the client should watch, and those it was asked to (held while asking).
    pub(super) watch_wanted: Mutex<Vec<String>>,
    pub(super) watch_registered: tokio::sync::Mutex<Vec<String>>,
    pub(super) shutdown: Arc<AtomicBool>,
    pub(super) io: String,
}

/// One document's analysis for one version, and the config and notes it was made with.
pub(super) struct Snapshot {
    pub(super) version: i32,
    pub(super) analysis: Arc<Analysis>,
    pub(super) env: Arc<Env>,
}

pub(super) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs an `ide` call; a panic becomes an internal error instead of a crash.
pub(super) fn guarded<T>(what: &str, f: impl FnOnce() -> T) -> Result<T> {
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

    pub(super) fn session(&self) -> Session {
        *self.state.session.read().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn config(&self) -> (u64, Arc<Config>) {
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
    pub(super) fn resolve_env(&self, file_name: &str) -> Arc<Env> {
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
    pub(super) async fn refresh_envs(&self) {
        let docs: Vec<(Url, String)> = lock(&self.state.store)
            .docs
            .iter()
            .map(|(u, d)| (u.clone(), d.file_name.clone()))
            .collect();
        lock(&self.state.notes).new_round();
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
    pub(super) fn watch_files(&self) {
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
    pub(super) fn poll_files(&self) {
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

    pub(super) fn set_config(&self, config: Config) {
        let mut guard = self.state.config.write().unwrap_or_else(|p| p.into_inner());
        *guard = (guard.0 + 1, Arc::new(config));
    }

    pub(super) fn current_version(&self, uri: &Url) -> Option<i32> {
        lock(&self.state.store).docs.get(uri).map(|d| d.version)
    }

    /// The analysis of the document's current text and config, computed if needed
    /// (outside the lock) and stored unless the document changed meanwhile.
    pub(super) fn snapshot(&self, uri: &Url) -> Option<Snapshot> {
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
    pub(super) fn schedule(&self, uri: &Url) {
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

    pub(super) async fn publish(&self, uri: &Url, snap: &Snapshot) {
        let session = self.session();
        let analysis = &snap.analysis;
        if !session.pull_diagnostics {
            let Ok(diags) = guarded("diagnostics", || {
                to_proto::diagnostics(analysis, session.enc)
            }) else {
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

    pub(super) async fn apply_settings(&self, s: Settings, warnings: Vec<String>) {
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

    pub(super) async fn show_warnings(&self, warnings: Vec<String>) {
        if warnings.is_empty() {
            return;
        }
        let text = format!("policy-lsp: {}", warnings.join("; "));
        self.client.log_message(MessageType::WARNING, &text).await;
        self.client.show_message(MessageType::WARNING, text).await;
    }
}
