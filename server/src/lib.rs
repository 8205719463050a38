//! policy-lsp: language server and checker for AWS access-policy documents.
//!
//! Layers, each depending only on those above it: `syntax` (tolerant JSON parser),
//! `model` (typed policy view, kind detection), `catalog` (AWS data), `rules` and
//! `schema` (checks), `analysis` (one document's results), then the edges: `cli`.

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
pub mod ide;
pub mod lsp;
pub mod model;
pub mod notes;
pub mod rules;
pub mod schema;
pub mod suggest;
pub mod syntax;
