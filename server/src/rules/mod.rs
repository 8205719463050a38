//! The rule registry: every diagnostic the checker can emit has an entry here with a
//! stable id, a default severity, its Access Analyzer / Parliament counterparts and
//! its documentation. Ids are kebab-case and never reused.

mod registry;
pub(crate) mod structure;

pub use registry::{rule, rule_by_any_name, Category, RuleMeta, RULES};

#[cfg(test)]
mod tests;
