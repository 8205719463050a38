//! Governance parameters from `[governance]`.

use super::file::ConfigError;

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

type ErrFn<'a> = &'a dyn Fn(&str, String) -> ConfigError;

pub(crate) fn parse(
    g: &mut Governance,
    t: &toml::Table,
    err: ErrFn<'_>,
) -> Result<(), ConfigError> {
    for (k, v) in t {
        let list = || -> Result<Vec<String>, ConfigError> {
            match v {
                toml::Value::String(s) => Ok(vec![s.clone()]),
                toml::Value::Array(a) => a
                    .iter()
                    .map(|x| {
                        x.as_str()
                            .map(str::to_string)
                            .ok_or_else(|| err(k, format!("`{k}` must be a list of strings")))
                    })
                    .collect(),
                _ => Err(err(k, format!("`{k}` must be a list of strings"))),
            }
        };
        match k.as_str() {
            "s3-required-encryption" => {
                let s = v.as_str().ok_or_else(|| err(k, "s3-required-encryption must be \"AES256\", \"aws:kms\" or \"aws:kms:dsse\"".to_string()))?;
                if !matches!(s, "AES256" | "aws:kms" | "aws:kms:dsse") {
                    return Err(err(k, format!("s3-required-encryption \"{s}\" is not one of \"AES256\" (SSE-S3), \"aws:kms\" (SSE-KMS), \"aws:kms:dsse\" (DSSE-KMS)")));
                }
                g.s3_required_encryption = Some(s.to_string());
            }
            "s3-required-kms-keys" => g.s3_required_kms_keys = list()?,
            "trusted-accounts" => {
                g.trusted_accounts = list()?;
                if let Some(bad) = g.trusted_accounts.iter().find(|a| !(a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit()))) {
                    return Err(err(k, format!("trusted account \"{bad}\" is not a 12-digit account id")));
                }
            }
            "trusted-org-ids" => {
                g.trusted_org_ids = list()?;
                if let Some(bad) = g.trusted_org_ids.iter().find(|o| !o.starts_with("o-")) {
                    return Err(err(k, format!("organization id \"{bad}\" must look like o-a1b2c3d4e5")));
                }
            }
            "github-allowed" => g.github_allowed = list()?,
            _ => return Err(err(k, format!("unknown key `{k}` in [governance]: expected s3-required-encryption, s3-required-kms-keys, trusted-accounts, trusted-org-ids, github-allowed"))),
        }
    }
    Ok(())
}
