//! Governance parameters (the `governance` section).

use serde_json::{Map, Value};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Governance {
    /// Required server-side encryption for S3 uploads: "AES256", "aws:kms" or "aws:kms:dsse".
    pub s3_required_encryption: Option<String>,
    /// KMS key ARNs/ids that S3 uploads must use (with aws:kms).
    pub s3_required_kms_keys: Vec<String>,
    /// Accounts whose principals are not "broad" (12-digit ids).
    pub trusted_accounts: Vec<String>,
    /// Organization ids (`o-…`) whose principals are trusted.
    pub trusted_org_ids: Vec<String>,
    /// GitHub `owner` or `owner/repo` entries allowed in OIDC trust policies.
    pub github_allowed: Vec<String>,
}

/// Reads the governance section into `g`; a value that cannot be read is passed to
/// `problem` (key, reason) and left out.
pub(crate) fn read(
    g: &mut Governance,
    t: &Map<String, Value>,
    problem: &mut dyn FnMut(&str, String),
) {
    for (k, v) in t {
        let list = super::read::strings(v);
        let list_problem = || format!("`{k}` must be a list of strings");
        match (k.as_str(), list) {
            ("s3-required-encryption", _) => match v.as_str() {
                Some(s @ ("AES256" | "aws:kms" | "aws:kms:dsse")) => g.s3_required_encryption = Some(s.to_string()),
                Some(s) => problem(k, format!("s3-required-encryption \"{s}\" is not one of \"AES256\" (SSE-S3), \"aws:kms\" (SSE-KMS), \"aws:kms:dsse\" (DSSE-KMS)")),
                None => problem(k, "s3-required-encryption must be \"AES256\", \"aws:kms\" or \"aws:kms:dsse\"".to_string()),
            },
            ("s3-required-kms-keys" | "trusted-accounts" | "trusted-org-ids" | "github-allowed", None) => problem(k, list_problem()),
            ("s3-required-kms-keys", Some(l)) => g.s3_required_kms_keys = l,
            ("trusted-accounts", Some(l)) => match l.iter().find(|a| !(a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()))) {
                Some(bad) => problem(k, format!("trusted account \"{bad}\" is not a 12-digit account id")),
                None => g.trusted_accounts = l,
            },
            ("trusted-org-ids", Some(l)) => match l.iter().find(|o| !o.starts_with("o-")) {
                Some(bad) => problem(k, format!("organization id \"{bad}\" must look like o-a1b2c3d4e5")),
                None => g.trusted_org_ids = l,
            },
            ("github-allowed", Some(l)) => g.github_allowed = l,
            _ => problem(k, format!("unknown key `{k}` in governance: expected s3-required-encryption, s3-required-kms-keys, trusted-accounts, trusted-org-ids, github-allowed")),
        }
    }
}
