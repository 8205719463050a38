//! policy-lsp: language server and checker for AWS access-policy documents.
//!
//! Layers, each depending only on those above it: `syntax` (tolerant JSON parser),
//! `model` (typed policy view, kind detection), `catalog` (AWS data), `rules` and
//! `schema` (checks), `analysis` (one document's results), then the edges: `cli`.

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
