//! `policy-lsp.toml` files found next to open documents: read once per modification,
//! merged under the editor settings (which win), errors reported once per file state.

use crate::config::Config;
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// What requests on a document need besides its text: its effective config and notes.
/// Resolved from the file system when the document opens and when settings or watched
/// files change ([`super::server`]); request handlers only read it.
pub struct Env {
    /// Changes whenever the config file or the editor settings change: an analysis is
    /// current when it was made with the same stamp.
    pub stamp: u64,
    pub config: Arc<Config>,
    pub notes: Arc<crate::notes::Notes>,
}

impl Env {
    /// Whether `other` would give the same answers.
    pub fn same(&self, other: &Env) -> bool {
        self.stamp == other.stamp && Arc::ptr_eq(&self.notes, &other.notes)
    }
}

/// A parsed config file, or why it could not be read.
type ConfigRead = Result<Arc<Config>, String>;

#[derive(Default)]
pub struct ConfigFiles {
    /// Config file → (its modification time, the parsed file or its error).
    cache: HashMap<PathBuf, (Option<SystemTime>, ConfigRead)>,
}

/// What `lookup` found for one document.
pub struct Lookup {
    /// Changes whenever the config file (or the editor settings' generation) changes.
    pub stamp: u64,
    pub config: Arc<Config>,
    /// Messages to show the user (a broken config file, an unreadable catalog), once.
    pub messages: Vec<String>,
}

impl ConfigFiles {
    /// The effective config for the document at `file_name`: the nearest config file's
    /// settings with the editor's on top, or the editor's alone.
    pub fn lookup(&mut self, file_name: &str, generation: u64, editor: &Arc<Config>) -> Lookup {
        let none = |stamp| Lookup {
            stamp,
            config: editor.clone(),
            messages: Vec::new(),
        };
        let path = Path::new(file_name);
        if !path.is_absolute() {
            return none(generation);
        }
        let Some(found) = path.parent().and_then(crate::workspace::find_config) else {
            return none(generation);
        };
        let mtime = std::fs::metadata(&found).and_then(|m| m.modified()).ok();
        let mut messages = Vec::new();
        let fresh = self.cache.get(&found).is_some_and(|(t, _)| *t == mtime);
        if !fresh {
            let parsed = match crate::workspace::load_config(&found) {
                Ok((cfg, warnings)) => {
                    messages.extend(warnings);
                    Ok(Arc::new(cfg))
                }
                Err(e) => {
                    messages.push(format!("config error: {e}; using the defaults and editor settings until it is fixed"));
                    Err(e.to_string())
                }
            };
            self.cache.insert(found.clone(), (mtime, parsed));
        }
        let mut h = DefaultHasher::new();
        found.hash(&mut h);
        mtime.hash(&mut h);
        let stamp = generation ^ h.finish().rotate_left(17);
        let config = match self.cache.get(&found).map(|(_, r)| r) {
            Some(Ok(file)) => Arc::new(merge(file, editor)),
            _ => editor.clone(),
        };
        Lookup {
            stamp,
            config,
            messages,
        }
    }
}

/// The file's settings with the editor's on top.
pub fn merge(file: &Config, editor: &Config) -> Config {
    let mut m = file.clone();
    m.rules.extend(editor.rules.iter().cloned());
    m.kinds = editor
        .kinds
        .iter()
        .cloned()
        .chain(file.kinds.iter().cloned())
        .collect();
    if editor.catalog.is_some() {
        m.catalog = editor.catalog.clone();
    }
    m.notes_paths.extend(editor.notes_paths.iter().cloned());
    m.extra_actions.extend(editor.extra_actions.iter().cloned());
    m.extra_keys.extend(editor.extra_keys.iter().cloned());
    m.builtin_notes = file.builtin_notes && editor.builtin_notes;
    m.ignores.extend(editor.ignores.iter().cloned());
    let (g, e) = (&mut m.governance, &editor.governance);
    if e.s3_required_encryption.is_some() {
        g.s3_required_encryption = e.s3_required_encryption.clone();
    }
    for (mine, theirs) in [
        (&mut g.s3_required_kms_keys, &e.s3_required_kms_keys),
        (&mut g.trusted_accounts, &e.trusted_accounts),
        (&mut g.trusted_org_ids, &e.trusted_org_ids),
        (&mut g.github_allowed, &e.github_allowed),
    ] {
        if !theirs.is_empty() {
            mine.clone_from(theirs);
        }
    }
    m
}

/// The notes files' texts, their index, and the round they were read in.
type NotesRead = (Vec<(String, String)>, Arc<crate::notes::Notes>, u64);

/// Notes indexes by (paths, built-in on/off), rebuilt when a notes file's text changes.
/// The files of one set are read at most once per round ([`NotesCache::new_round`]):
/// documents that share notes share the reading when all are refreshed together.
#[derive(Default)]
pub struct NotesCache {
    /// Key → (the files' texts, the index, the round they were read in).
    entries: HashMap<(Vec<PathBuf>, bool), NotesRead>,
    reported: std::collections::HashSet<String>,
    round: u64,
}

impl NotesCache {
    /// Files may have changed since the last reading: read them again when next asked.
    pub fn new_round(&mut self) {
        self.round += 1;
    }

    /// The notes for `config`, and messages about unreadable notes not reported before.
    pub fn get(&mut self, config: &Config) -> (Arc<crate::notes::Notes>, Vec<String>) {
        let key = (config.notes_paths.clone(), config.builtin_notes);
        if let Some((_, notes, round)) = self.entries.get(&key) {
            if *round == self.round {
                return (notes.clone(), Vec::new());
            }
        }
        let (sources, errors) = crate::workspace::load_notes(&config.notes_paths);
        let mut messages: Vec<String> = errors
            .into_iter()
            .filter(|e| self.reported.insert(e.clone()))
            .map(|e| format!("notes: {e}"))
            .collect();
        let round = self.round;
        if let Some((cached, notes, read_in)) = self.entries.get_mut(&key) {
            if *cached == sources {
                *read_in = round;
                return (notes.clone(), messages);
            }
        }
        let notes = Arc::new(crate::notes::Notes::new(&sources, config.builtin_notes));
        messages.extend(
            notes
                .warnings()
                .iter()
                .filter(|w| self.reported.insert((*w).clone()))
                .map(|w| format!("notes: {w}")),
        );
        self.entries.insert(key, (sources, notes.clone(), round));
        (notes, messages)
    }
}
