//! Security and governance rules: public access, PassRole,
//! audit tampering, KMS key-policy and S3 bucket-policy hygiene, OIDC trust.

group! {
    public_access,
    kms_broad_key_admin,
    kms_cross_account_unconstrained,
    kms_admin_and_use,
    s3_public_read_with_kms,
    s3_broad_full_access,
    audit_tampering,
    full_admin_access,
    pass_role_wildcard,
    privilege_escalation,
    not_resource_with_allow,
    not_principal_with_allow,
    forallvalues_with_allow,
    create_slr_wildcard,
    oidc_trust_unconstrained,
    service_principal_without_source,
}

use super::RuleCtx;
use crate::catalog::{has_wildcard, wildcard_match};
use crate::model::{self, DocKind, Effect, Policy, PrincipalValue, Statement, StrValue};
use crate::syntax::TextRange;

/// Condition keys that narrow who (or what) can use a grant to `*`.
const NARROWING_KEYS: &[&str] = &[
    "aws:sourceaccount",
    "aws:sourcearn",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "aws:sourceowner",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:userid",
    "aws:username",
    "aws:sourcevpce",
    "aws:sourcevpc",
    "aws:sourceip",
    "aws:vpcsourceip",
    "aws:principalservicename",
    "aws:principalisawsservice",
    "kms:calleraccount",
    "kms:viaservice",
    "aws:resourceorgid",
    "aws:vpceorgid",
    "aws:vpceaccount",
    "aws:vpceorgpaths",
];

pub(crate) const KMS_ADMIN_ACTIONS: &[&str] = &[
    "kms:PutKeyPolicy",
    "kms:ScheduleKeyDeletion",
    "kms:DisableKey",
    "kms:CreateGrant",
    "kms:RevokeGrant",
    "kms:UpdateKeyDescription",
    "kms:DeleteImportedKeyMaterial",
    "kms:DisableKeyRotation",
    "kms:CancelKeyDeletion",
];

const KMS_USE_ACTIONS: &[&str] = &[
    "kms:Decrypt",
    "kms:Encrypt",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyWithoutPlaintext",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
    "kms:GenerateDataKeyPair",
    "kms:Sign",
];

/// Which of `actions` the statement's Action (or NotAction) covers, by IAM pattern matching.
pub(crate) fn covered<'a>(st: &Statement<'_>, actions: &[&'a str]) -> Vec<&'a str> {
    let (values, is_not) = st.action_values();
    let values: Vec<Pattern<'_>> = values.iter().map(|v| Pattern::new(v.text)).collect();
    actions
        .iter()
        .copied()
        .filter(|a| {
            let hit = values.iter().any(|v| v.matches(a));
            if is_not {
                !hit && !values.is_empty()
            } else {
                hit
            }
        })
        .collect()
}

/// Whether any action value in the statement literally names (no `*`) one of `actions`.
pub(crate) fn explicit<'a>(st: &Statement<'a>, actions: &[&str]) -> Vec<model::StrValue<'a>> {
    let (values, is_not) = st.action_values();
    if is_not {
        return Vec::new();
    }
    values
        .into_iter()
        .filter(|v| {
            if v.text == "*" {
                return false;
            }
            // A value whose service prefix is literal can only match actions of that
            // service: most values are ruled out by their prefix alone.
            let prefix = crate::catalog::split_colon(v.text).map_or(v.text, |(p, _)| p);
            if !has_wildcard(prefix) && !actions.iter().any(|a| same_service(a, prefix)) {
                return false;
            }
            let p = Pattern::new(v.text);
            actions.iter().any(|a| p.matches(a))
        })
        .collect()
}

/// Whether `action` (`service:Name`) belongs to the service `prefix` (any case).
fn same_service(action: &str, prefix: &str) -> bool {
    action.len() > prefix.len()
        && action.as_bytes()[prefix.len()] == b':'
        && action.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// An action value of a statement, ready to be matched against many action names.
struct Pattern<'a> {
    text: &'a str,
    /// Plain ASCII (no wildcard): matching is a case-insensitive comparison, which
    /// first compares lengths, instead of the glob matcher.
    plain: bool,
}

impl<'a> Pattern<'a> {
    fn new(text: &'a str) -> Self {
        Pattern {
            text,
            plain: text.is_ascii() && !has_wildcard(text),
        }
    }

    /// `wildcard_match(self.text, action)`.
    fn matches(&self, action: &str) -> bool {
        if self.plain && action.is_ascii() {
            return self.text.eq_ignore_ascii_case(action);
        }
        wildcard_match(self.text, action)
    }
}

pub(crate) fn has_narrowing_condition(st: &Statement<'_>) -> bool {
    st.conditions().iter().any(|c| {
        let k = c.key.key.text.to_ascii_lowercase();
        NARROWING_KEYS.contains(&k.as_str())
            || k.starts_with("aws:principaltag/")
            || k.starts_with("aws:resourcetag/")
            || k.starts_with("aws:sourcetag/")
    })
}

pub(crate) fn resources_all(st: &Statement<'_>) -> bool {
    let (values, is_not) = st.resource_values();
    is_not || values.iter().any(|v| v.text == "*")
}

/// `*`, `{"AWS": "*"}`, or an account outside the trusted list (when the config has one).
pub(crate) fn is_everyone(p: &PrincipalValue<'_>) -> bool {
    matches!(p.kind, "*" | "AWS") && p.value.text == "*"
}

/// A bare 12-digit account id, the short form of `arn:aws:iam::ACCOUNT:root`.
pub(crate) fn is_account_id(v: &str) -> bool {
    v.len() == 12 && v.bytes().all(|b| b.is_ascii_digit())
}

pub(crate) fn account_of(p: &PrincipalValue<'_>) -> Option<String> {
    if p.kind != "AWS" {
        return None;
    }
    let v = p.value.text;
    if is_account_id(v) {
        return Some(v.to_string());
    }
    let f: Vec<&str> = v.splitn(6, ':').collect();
    (f.len() == 6 && f[4].len() == 12).then(|| f[4].to_string())
}

/// What the security rules read of one Allow statement, worked out once.
pub struct Allow<'s, 'a> {
    pub st: &'s Statement<'a>,
    pub kind: DocKind,
    pub principals: Vec<PrincipalValue<'a>>,
    /// A condition narrows who or what can use the grant.
    pub narrowed: bool,
    /// The Action (or NotAction) values.
    pub actions: Vec<StrValue<'a>>,
    pub is_not: bool,
    /// `"Action": "*"`.
    pub star_action: bool,
}

impl<'s, 'a> Allow<'s, 'a> {
    /// The statement's facts, if its Effect is Allow.
    pub(crate) fn of(ctx: &RuleCtx<'_>, st: &'s Statement<'a>) -> Option<Self> {
        if st.effect() != Some(Effect::Allow) {
            return None;
        }
        let (actions, is_not) = st.action_values();
        Some(Allow {
            st,
            kind: ctx.kind.kind,
            principals: st.principals(),
            narrowed: has_narrowing_condition(st),
            star_action: !is_not && actions.iter().any(|a| a.text == "*"),
            actions,
            is_not,
        })
    }
}

/// Who a key-policy statement lets administer and use the key.
pub(crate) struct KmsGrant<'s, 'a> {
    /// The key's own account, as far as the policy (or the config) tells.
    pub key_account: Option<String>,
    /// Everyone, or accounts other than the key's and the trusted ones.
    pub foreign: Vec<&'s PrincipalValue<'a>>,
    pub admin: Vec<&'static str>,
    pub uses: Vec<&'static str>,
}

impl<'s, 'a> KmsGrant<'s, 'a> {
    /// `None` outside key policies.
    pub(crate) fn of(ctx: &RuleCtx<'_>, s: &'s Allow<'_, 'a>) -> Option<Self> {
        if s.kind != DocKind::KmsKey {
            return None;
        }
        let key_account = key_account(ctx);
        let trusted = &ctx.config.governance.trusted_accounts;
        let foreign = s
            .principals
            .iter()
            .filter(|p| {
                is_everyone(p)
                    || account_of(p)
                        .is_some_and(|a| Some(&a) != key_account.as_ref() && !trusted.contains(&a))
            })
            .collect();
        Some(KmsGrant {
            key_account,
            foreign,
            admin: covered(s.st, KMS_ADMIN_ACTIONS),
            uses: covered(s.st, KMS_USE_ACTIONS),
        })
    }
}

/// The key's own account: the account of the first account principal, written as
/// `arn:aws:iam::ACCOUNT:root` or as the bare `ACCOUNT` (IAM reads both the same), else
/// the first trusted account.
fn key_account(ctx: &RuleCtx<'_>) -> Option<String> {
    let policy = ctx.policy?;
    for st in &policy.statements {
        for p in st.principals() {
            if p.kind == "AWS" && (p.value.text.ends_with(":root") || is_account_id(p.value.text)) {
                return account_of(&p);
            }
        }
    }
    ctx.config.governance.trusted_accounts.first().cloned()
}

/// Values of s3:x-amz-server-side-encryption that a Deny of PutObject enforces.
pub(crate) fn enforced_encryption(policy: &Policy<'_>) -> Vec<String> {
    let mut acc = Vec::new();
    for st in &policy.statements {
        if st.effect() != Some(Effect::Deny) || covered(st, &["s3:PutObject"]).is_empty() {
            continue;
        }
        for c in st.conditions() {
            if c.key
                .key
                .text
                .eq_ignore_ascii_case("s3:x-amz-server-side-encryption")
                && c.operator.key.text.starts_with("StringNotEquals")
            {
                acc.extend(
                    c.values
                        .iter()
                        .filter_map(|v| model::scalar_text(v))
                        .map(str::to_string),
                );
            }
        }
    }
    acc
}

/// The policy and where its document-level findings point: the `"Statement"` key, else
/// the document's first character.
pub(crate) fn document_anchor<'a>(ctx: &RuleCtx<'a>) -> Option<(&'a Policy<'a>, TextRange)> {
    let policy = ctx.policy?;
    let anchor = policy.statement.map(|m| m.key.range).unwrap_or_else(|| {
        TextRange::new(
            policy.root.range.start as usize,
            policy.root.range.start as usize + 1,
        )
    });
    Some((policy, anchor))
}
