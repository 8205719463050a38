//! Rules about the JSON text itself.

pub mod duplicate_key;
pub mod json_syntax;
