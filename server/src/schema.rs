//! The JSON Schemas in `schemas/` (embedded): compiled once per document kind, and the
//! quick validity check. Mapping a refused document's schema errors to rule findings is
//! `rules::schema`.

use crate::model::DocKind;
use crate::syntax::{self, Node};
use std::sync::OnceLock;

const BASE: &str = "https://policy-lsp.dev/schemas/";

/// The schema files, by file name.
pub const SCHEMA_FILES: &[(&str, &str)] = &[
    (
        "policy-common.schema.json",
        include_str!("../../schemas/policy-common.schema.json"),
    ),
    (
        "identity-policy.schema.json",
        include_str!("../../schemas/identity-policy.schema.json"),
    ),
    (
        "trust-policy.schema.json",
        include_str!("../../schemas/trust-policy.schema.json"),
    ),
    (
        "resource-policy.schema.json",
        include_str!("../../schemas/resource-policy.schema.json"),
    ),
    (
        "kms-key-policy.schema.json",
        include_str!("../../schemas/kms-key-policy.schema.json"),
    ),
    (
        "s3-bucket-policy.schema.json",
        include_str!("../../schemas/s3-bucket-policy.schema.json"),
    ),
    (
        "scp.schema.json",
        include_str!("../../schemas/scp.schema.json"),
    ),
];

struct Embedded;

impl jsonschema::Retrieve for Embedded {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<serde_json::Value, Box<dyn std::error::Error + Send + Sync>> {
        let s = uri.as_str();
        let name = s.strip_prefix(BASE).ok_or_else(|| {
            format!("refusing to fetch {s}: only the embedded schemas are available")
        })?;
        let (_, text) = SCHEMA_FILES
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| format!("no embedded schema {name}"))?;
        Ok(serde_json::from_str(text)?)
    }
}

/// The compiled schema of `kind`, built on first use (each takes a few milliseconds, and
/// a batch run over one kind needs only one).
pub(crate) fn validator(kind: DocKind) -> Option<&'static jsonschema::Validator> {
    static V: [OnceLock<Option<jsonschema::Validator>>; DocKind::ALL.len()] =
        [const { OnceLock::new() }; DocKind::ALL.len()];
    let i = DocKind::ALL.iter().position(|&k| k == kind)?;
    V[i].get_or_init(|| {
        let text = SCHEMA_FILES
            .iter()
            .find(|(n, _)| *n == kind.schema_file())
            .map(|(_, t)| *t);
        let v = text
            .and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok())
            .and_then(|schema| {
                jsonschema::options()
                    .with_draft(jsonschema::Draft::Draft202012)
                    .with_retriever(Embedded)
                    .build(&schema)
                    .ok()
            });
        debug_assert!(v.is_some(), "schema for {} does not build", kind.name());
        v
    })
    .as_ref()
}

/// Builds the schemas of `kinds` now (callers run this on a spare thread at start-up).
pub fn warm_up(kinds: &[DocKind]) {
    for &k in kinds {
        validator(k);
    }
}

/// Whether every embedded schema compiles (checked by a test).
pub fn all_schemas_build() -> bool {
    DocKind::ALL.iter().all(|&k| validator(k).is_some())
}

/// Whether `root` is valid against the schema of `kind` (without one, it is). The tree
/// lends its strings to the check and has them back when this returns.
pub(crate) fn is_valid(kind: DocKind, root: &mut Node) -> bool {
    let Some(validator) = validator(kind) else {
        return true;
    };
    let instance = syntax::take_json(root);
    // The boolean check stops early and builds no errors.
    let valid = validator.is_valid(&instance);
    syntax::restore_json(root, instance);
    valid
}
