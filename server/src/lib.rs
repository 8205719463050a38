//! policy-lsp: language server and checker for AWS access-policy documents.
pub mod syntax;
