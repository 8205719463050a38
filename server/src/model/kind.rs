//! Document-kind detection: explicit choice, then file-name conventions, then content.

use super::{strings, Policy};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocKind {
    Identity,
    Trust,
    Resource,
    KmsKey,
    S3Bucket,
    Scp,
}

impl DocKind {
    pub const ALL: [DocKind; 6] = [
        DocKind::Identity,
        DocKind::Trust,
        DocKind::Resource,
        DocKind::KmsKey,
        DocKind::S3Bucket,
        DocKind::Scp,
    ];

    pub fn name(self) -> &'static str {
        match self {
            DocKind::Identity => "identity",
            DocKind::Trust => "trust",
            DocKind::Resource => "resource",
            DocKind::KmsKey => "kms-key",
            DocKind::S3Bucket => "s3-bucket",
            DocKind::Scp => "scp",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            DocKind::Identity => "IAM identity policy",
            DocKind::Trust => "IAM role trust policy",
            DocKind::Resource => "resource-based policy",
            DocKind::KmsKey => "KMS key policy",
            DocKind::S3Bucket => "S3 bucket policy",
            DocKind::Scp => "service control policy (SCP)",
        }
    }

    pub fn parse(s: &str) -> Option<DocKind> {
        DocKind::ALL
            .into_iter()
            .find(|k| k.name().eq_ignore_ascii_case(s.trim()))
    }

    /// Resource-based kinds: a Principal is required.
    pub fn is_resource_policy(self) -> bool {
        matches!(
            self,
            DocKind::Resource | DocKind::KmsKey | DocKind::S3Bucket | DocKind::Trust
        )
    }

    /// The JSON Schema file for this kind.
    pub fn schema_file(self) -> &'static str {
        match self {
            DocKind::Identity => "identity-policy.schema.json",
            DocKind::Trust => "trust-policy.schema.json",
            DocKind::Resource => "resource-policy.schema.json",
            DocKind::KmsKey => "kms-key-policy.schema.json",
            DocKind::S3Bucket => "s3-bucket-policy.schema.json",
            DocKind::Scp => "scp.schema.json",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindSource {
    /// `--kind`, an editor setting or a config glob.
    Explicit,
    FileName,
    Content,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindInfo {
    pub kind: DocKind,
    pub source: KindSource,
    /// Why, in words: "the file name ends in .kms.json".
    pub reason: String,
}

/// Decides the kind: `explicit` wins, then the file name, then the content.
pub fn detect_kind(
    explicit: Option<(DocKind, String)>,
    file_name: Option<&str>,
    policy: Option<&Policy<'_>>,
) -> KindInfo {
    if let Some((kind, reason)) = explicit {
        return KindInfo {
            kind,
            source: KindSource::Explicit,
            reason,
        };
    }
    if let Some(info) = file_name.and_then(kind_from_file_name) {
        return info;
    }
    kind_from_content(policy)
}

/// File-name conventions (case-insensitive, on the last path component).
pub fn kind_from_file_name(path: &str) -> Option<KindInfo> {
    let name = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(path)
        .to_ascii_lowercase();
    let rules: &[(&[&str], DocKind)] = &[
        (
            &[".kms.json", "kms-key-policy", "key-policy", "kms-policy"],
            DocKind::KmsKey,
        ),
        (
            &["bucket-policy", "bucket_policy", ".s3.json", "bucketpolicy"],
            DocKind::S3Bucket,
        ),
        (&["trust", "assume-role", "assumerole"], DocKind::Trust),
        (
            &[".scp.json", "scp", "service-control-policy"],
            DocKind::Scp,
        ),
        (
            &["resource-policy", "resource_policy", ".rcp.json"],
            DocKind::Resource,
        ),
        (&[".iam.json", "identity"], DocKind::Identity),
    ];
    for (needles, kind) in rules {
        for n in *needles {
            if name.contains(n) {
                let how = if n.starts_with('.') {
                    "ends in"
                } else {
                    "contains"
                };
                return Some(KindInfo {
                    kind: *kind,
                    source: KindSource::FileName,
                    reason: format!("the file name {how} `{n}`"),
                });
            }
        }
    }
    None
}

fn kind_from_content(policy: Option<&Policy<'_>>) -> KindInfo {
    let content = |kind, reason: &str| KindInfo {
        kind,
        source: KindSource::Content,
        reason: reason.to_string(),
    };
    let Some(policy) = policy else {
        return content(
            DocKind::Identity,
            "no statements could be read; identity policy assumed",
        );
    };
    let has_principal = policy
        .statements
        .iter()
        .any(|s| s.principal_member().is_some());
    if !has_principal {
        return content(
            DocKind::Identity,
            "no statement has a Principal, so this is an identity policy",
        );
    }
    let actions: Vec<String> = policy
        .statements
        .iter()
        .flat_map(|s| strings(s.action.or(s.not_action)))
        .map(|a| a.text.to_ascii_lowercase())
        .collect();
    let resources: Vec<String> = policy
        .statements
        .iter()
        .flat_map(|s| strings(s.resource.or(s.not_resource)))
        .map(|r| r.text.to_string())
        .collect();
    let has_resource = policy
        .statements
        .iter()
        .any(|s| s.resource.is_some() || s.not_resource.is_some());
    let is_sts = |a: &String| {
        a.starts_with("sts:assumerole")
            || a == "sts:tagsession"
            || a == "sts:setsourceidentity"
            || a == "sts:setcontext"
    };
    if !actions.is_empty() && actions.iter().all(is_sts) && !has_resource {
        return content(
            DocKind::Trust,
            "statements have a Principal and only sts:AssumeRole* actions, and no Resource",
        );
    }
    if !actions.is_empty()
        && actions.iter().any(|a| a.starts_with("kms:"))
        && actions.iter().all(|a| a.starts_with("kms:") || a == "*")
    {
        return content(
            DocKind::KmsKey,
            "statements have a Principal and only kms: actions",
        );
    }
    if resources
        .iter()
        .any(|r| r.starts_with("arn:") && r.split(':').nth(2) == Some("s3"))
        && actions.iter().all(|a| a.starts_with("s3:") || a == "*")
    {
        return content(
            DocKind::S3Bucket,
            "statements have a Principal, s3: actions and S3 resource ARNs",
        );
    }
    content(
        DocKind::Resource,
        "statements have a Principal, so this is a resource-based policy",
    )
}
