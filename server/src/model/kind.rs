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

    /// [`DocKind::title`] with its indefinite article: "an IAM identity policy".
    pub fn title_with_article(self) -> String {
        let title = self.title();
        let an = title.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U'])
            || title.starts_with("S3");
        format!("{} {title}", if an { "an" } else { "a" })
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
    /// Content overrode a word in the file name that implied this kind (see
    /// [`detect_kind`]); the `kind-name-mismatch` rule says so.
    ContentOverName(DocKind),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KindInfo {
    pub kind: DocKind,
    pub source: KindSource,
    /// Why, in words: "the file name ends in .kms.json".
    pub reason: String,
}

/// Decides the kind: `explicit` wins, then the file name, then the content. A name that
/// only *contains* a word of a resource-based kind ("…TrustPolicy.json") gives way to
/// content whose statements all have Action and Resource and none a Principal: such a
/// document is an identity policy about trust or bucket policies (AWS names several
/// managed policies so), and checking it as a resource-based policy would flag every
/// statement. The `kind-name-mismatch` warning keeps the choice visible.
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
    let Some((info, suffix)) = file_name.and_then(name_match) else {
        return kind_from_content(policy);
    };
    // Only complete statements count: while a statement is being typed, the name's kind
    // still decides which elements completion offers.
    let identity_like = policy.is_some_and(|p| {
        !p.statements.is_empty()
            && p.statements.iter().all(|s| {
                s.principal_member().is_none()
                    && (s.action.is_some() || s.not_action.is_some())
                    && (s.resource.is_some() || s.not_resource.is_some())
            })
    });
    if suffix {
        return info;
    }
    if info.kind.is_resource_policy() && identity_like {
        return KindInfo {
            kind: DocKind::Identity,
            source: KindSource::ContentOverName(info.kind),
            reason: format!(
                "{}, but no statement has a Principal, so this is an identity policy (name it *{} or set its kind in policy-lsp.toml to check it as {})",
                info.reason,
                suffix_of(info.kind),
                info.kind.title_with_article()
            ),
        };
    }
    if let Some(content) = policy.and_then(|p| content_over_word(p, info.kind)) {
        return KindInfo {
            kind: content.kind,
            source: KindSource::Content,
            reason: format!("{}, but {}", info.reason, content.reason),
        };
    }
    info
}

/// Every statement's Action (or NotAction) values, lowercased.
fn lowercase_actions(policy: &Policy<'_>) -> Vec<String> {
    policy
        .statements
        .iter()
        .flat_map(|s| strings(s.action.or(s.not_action)))
        .map(|a| a.text.to_ascii_lowercase())
        .collect()
}

/// The kind the content shows when it contradicts the kind a word of the file name
/// suggested (`word`): a word is a hint, clear content is evidence. A file named
/// `…-identity-pool-….json` whose statements have a `Principal` is a resource-based
/// policy; a bucket policy in a file named `…assumerole….json` is a bucket policy.
/// Content that fits the word, or says nothing against it (no statements yet, an SCP
/// and an identity policy look alike), leaves the word's kind.
fn content_over_word(policy: &Policy<'_>, word: DocKind) -> Option<KindInfo> {
    let has_principal = policy
        .statements
        .iter()
        .any(|s| s.principal_member().is_some());
    if !has_principal {
        return None; // see `detect_kind` for resource words on principal-less content
    }
    let content = kind_from_content(Some(policy));
    if content.kind == word {
        return None;
    }
    if !word.is_resource_policy() {
        // An identity policy or an SCP has no Principal.
        return Some(content);
    }
    if content.kind != DocKind::Resource {
        // Only kms: actions, s3: actions on S3 ARNs, or only sts:AssumeRole* without
        // Resource: the content names its kind.
        return Some(content);
    }
    // The content is a resource-based policy of no particular kind: the word stands
    // unless no action belongs to the service the word implies.
    let service = match word {
        DocKind::Trust => "sts:",
        DocKind::KmsKey => "kms:",
        DocKind::S3Bucket => "s3:",
        _ => return None,
    };
    let actions = lowercase_actions(policy);
    let foreign = !actions.is_empty()
        && actions
            .iter()
            .all(|a| !a.starts_with(service) && !a.starts_with('*'));
    foreign.then(|| KindInfo {
        reason: format!(
            "no action is {} action, so this is a resource-based policy",
            match word {
                DocKind::KmsKey => "a kms:",
                DocKind::S3Bucket => "an s3:",
                _ => "an sts:",
            }
        ),
        ..content
    })
}

/// The globs an editor client sends to the server as policy documents (VS Code's
/// `policyLsp.filePatterns` default and activation events, Neovim's default patterns):
/// every kind's suffix, then the two name words that hint at most policies. Other JSON
/// is still sent where the client can, and the server decides from the content. The
/// clients' copies are generated from this list (`server/tests/client_patterns.rs`).
pub fn client_patterns() -> Vec<String> {
    let mut res: Vec<String> = DocKind::ALL
        .into_iter()
        .map(|k| format!("**/*{}", suffix_of(k)))
        .collect();
    res.extend(["**/*policy*.json", "**/*trust*.json"].map(str::to_string));
    res
}

/// Whether the file name ends in one of the suffixes that decide a kind (`.iam.json`,
/// `.kms.json`, ...): such a file is a policy whatever its content is at the moment.
pub fn has_policy_suffix(file_name: &str) -> bool {
    let name = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let name = name.to_ascii_lowercase();
    DocKind::ALL
        .into_iter()
        .any(|k| name.ends_with(suffix_of(k)))
}

/// The file-name suffix that makes a kind explicit.
fn suffix_of(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Identity => ".iam.json",
        DocKind::Trust => ".trust.json",
        DocKind::Resource => ".rcp.json",
        DocKind::KmsKey => ".kms.json",
        DocKind::S3Bucket => ".s3.json",
        DocKind::Scp => ".scp.json",
    }
}

/// The kind a file name implies (case-insensitive, on the last path component), and whether it came from a suffix (`.kms.json`: a
/// deliberate choice) rather than a word inside the name (`bucket-policy`: a hint).
/// Suffixes are tried first, so `AWSTrustedAdvisorX.iam.json` is an identity policy. A
/// word must end where a word ends: `trust` matches `role-trust.json` and
/// `ServiceTrustPolicy`, not `TrustedAdvisor`.
fn name_match(path: &str) -> Option<(KindInfo, bool)> {
    let original = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let name = original.to_ascii_lowercase();
    let by_name = |kind, reason| KindInfo {
        kind,
        source: KindSource::FileName,
        reason,
    };
    // The suffixes exclude one another, so their order does not matter.
    if let Some(kind) = DocKind::ALL
        .into_iter()
        .find(|&k| name.ends_with(suffix_of(k)))
    {
        let reason = format!("the file name ends in `{}`", suffix_of(kind));
        return Some((by_name(kind, reason), true));
    }
    let words: &[(&[&str], DocKind)] = &[
        (
            &["kms-key-policy", "key-policy", "kms-policy"],
            DocKind::KmsKey,
        ),
        (
            &["bucket-policy", "bucket_policy", "bucketpolicy"],
            DocKind::S3Bucket,
        ),
        (&["trust", "assume-role", "assumerole"], DocKind::Trust),
        (&["scp", "service-control-policy"], DocKind::Scp),
        (&["resource-policy", "resource_policy"], DocKind::Resource),
        (&["identity"], DocKind::Identity),
    ];
    for (needles, kind) in words {
        for n in *needles {
            if contains_word(original, &name, n) {
                let reason = format!("the file name contains `{n}`");
                return Some((by_name(*kind, reason), false));
            }
        }
    }
    None
}

/// Whether `needle` occurs in `lower` (the lowercased `original`) followed by the end of
/// a word: the end of the name, a character that is not a lowercase letter in
/// `original` (`Trust|Policy`, `trust|.json`), or `policy`/`role` (`trustpolicy`).
fn contains_word(original: &str, lower: &str, needle: &str) -> bool {
    lower.match_indices(needle).any(|(at, _)| {
        let end = at + needle.len();
        let rest = &lower[end..];
        match original.as_bytes().get(end) {
            None => true,
            Some(b) if !b.is_ascii_lowercase() => true,
            Some(_) => rest.starts_with("policy") || rest.starts_with("role"),
        }
    })
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
    let actions = lowercase_actions(policy);
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

#[cfg(test)]
mod tests {
    use crate::analysis::analyze;
    use crate::config::Config;

    const NO_PRINCIPAL: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#;
    const WITH_PRINCIPAL: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]}"#;

    const TRUST: &str = r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "111122223333"}, "Action": "sts:AssumeRole"}]}"#;

    fn kind(name: &str, text: &str) -> String {
        let a = analyze(text, Some(name), &Config::new());
        format!(
            "{} ({:?}): {}",
            a.kind.kind.name(),
            a.kind.source,
            a.kind.reason
        )
    }

    #[test]
    fn suffixes_decide_before_words() {
        assert_eq!(
            kind("AWSTrustedAdvisorServiceRolePolicy.iam.json", NO_PRINCIPAL),
            "identity (FileName): the file name ends in `.iam.json`"
        );
        assert_eq!(
            kind("dir/b.s3.json", NO_PRINCIPAL),
            "s3-bucket (FileName): the file name ends in `.s3.json`"
        );
        assert_eq!(
            kind("KEY.KMS.JSON", NO_PRINCIPAL),
            "kms-key (FileName): the file name ends in `.kms.json`"
        );
    }

    #[test]
    fn a_word_must_end_where_a_word_ends() {
        assert_eq!(
            kind("role-trust.json", TRUST),
            "trust (FileName): the file name contains `trust`"
        );
        assert_eq!(
            kind("ServiceTrustPolicy.json", TRUST),
            "trust (FileName): the file name contains `trust`"
        );
        assert_eq!(
            kind("trustpolicy.json", TRUST),
            "trust (FileName): the file name contains `trust`"
        );
        // The word is a hint: a bucket policy named like a trust policy is a bucket policy.
        assert_eq!(
            kind("role-trust.json", WITH_PRINCIPAL),
            "s3-bucket (Content): the file name contains `trust`, but statements have a Principal, s3: actions and S3 resource ARNs"
        );
        assert_eq!(
            kind("AWSTrustedAdvisorPriorityFullAccess.json", WITH_PRINCIPAL),
            "s3-bucket (Content): statements have a Principal, s3: actions and S3 resource ARNs"
        );
    }

    #[test]
    fn a_resource_word_gives_way_to_content_without_principal() {
        assert_eq!(
            kind("AWS-SSM-Automation-DiagnosisBucketPolicy.json", NO_PRINCIPAL),
            "identity (ContentOverName(S3Bucket)): the file name contains `bucketpolicy`, but no statement has a Principal, so this is an identity policy (name it *.s3.json or set its kind in policy-lsp.toml to check it as an S3 bucket policy)"
        );
        assert_eq!(
            kind("AWSOrganizationsServiceTrustPolicy.json", NO_PRINCIPAL),
            "identity (ContentOverName(Trust)): the file name contains `trust`, but no statement has a Principal, so this is an identity policy (name it *.trust.json or set its kind in policy-lsp.toml to check it as an IAM role trust policy)"
        );
        // One statement with a Principal is enough for the name to stand.
        assert_eq!(
            kind("bucket-policy.json", WITH_PRINCIPAL),
            "s3-bucket (FileName): the file name contains `bucket-policy`"
        );
        // SCPs have no Principal: the word stands.
        assert_eq!(
            kind("deny-regions-scp.json", NO_PRINCIPAL),
            "scp (FileName): the file name contains `scp`"
        );
        // A statement still being typed keeps the name's kind.
        assert_eq!(
            kind(
                "bucket-policy.json",
                r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}"#
            ),
            "s3-bucket (FileName): the file name contains `bucket-policy`"
        );
        // A document without statements keeps the name's kind.
        assert_eq!(
            kind(
                "bucket-policy.json",
                r#"{"Version": "2012-10-17", "Statement": []}"#
            ),
            "s3-bucket (FileName): the file name contains `bucket-policy`"
        );
    }

    #[test]
    fn titles_take_their_article() {
        let got: Vec<String> = super::DocKind::ALL
            .iter()
            .map(|k| k.title_with_article())
            .collect();
        assert_eq!(
            got,
            [
                "an IAM identity policy",
                "an IAM role trust policy",
                "a resource-based policy",
                "a KMS key policy",
                "an S3 bucket policy",
                "a service control policy (SCP)",
            ]
        );
    }
}
