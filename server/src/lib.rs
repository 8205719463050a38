//! policy-lsp: language server and checker for AWS access-policy documents.
//!
//! Layers, each using only those before it (`server/tests/tidy.rs` keeps the arrows):
//! `syntax` (tolerant JSON parser), `suggest` (did-you-mean) and `parallel` (work over a
//! list on all cores); `diagnostic` (findings,
//! fixes, and the human frame `check` prints for one);
//! `catalog` (AWS data); `model` (typed policy view, kind detection); `hosts`
//! (CloudFormation and Terraform files → host trees and virtual policy documents);
//! `notes` (Markdown notes → hover passages); `config` (plain data, and the one reader
//! of `policy-lsp.toml` and editor settings); `rules` (one file per rule, the registry,
//! rule levels, what a rule sees) and `schema` (JSON Schema validation); `analysis`
//! (one file's results, standalone or host); `ide` (hover, completion, fixes, explain,
//! ... as pure functions). Then the edges, the only code that reaches outside the
//! process: `workspace` (config, catalog and notes files; shared), `cli` and `lsp`
//! (which never use each other; `main` picks one).
#![forbid(unsafe_code)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

/// Hash maps and sets with foldhash (hashbrown's default hasher) instead of SipHash:
/// for the catalog's lookups and the per-document indexes, where hashing showed in
/// profiles. Keys come from our data or the user's own files.
pub(crate) type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
pub(crate) type FastSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

pub mod analysis;
pub mod catalog;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod hosts;
pub mod ide;
pub mod lsp;
pub mod model;
pub mod notes;
pub mod parallel;
pub mod rules;
pub mod schema;
pub mod suggest;
pub mod syntax;
pub mod workspace;
