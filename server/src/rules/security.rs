//! Security and governance rules: public access, PassRole,
//! audit tampering, KMS key-policy and S3 bucket-policy hygiene, OIDC trust.

pub mod audit_tampering;
pub mod create_slr_wildcard;
pub mod forallvalues_with_allow;
pub mod full_admin_access;
pub mod kms_admin_and_use;
pub mod kms_broad_key_admin;
pub mod kms_cross_account_unconstrained;
pub mod not_principal_with_allow;
pub mod not_resource_with_allow;
pub mod oidc_trust_unconstrained;
pub mod pass_role_wildcard;
pub mod privilege_escalation;
pub mod public_access;
pub mod s3_broad_full_access;
pub mod s3_public_read_with_kms;
pub mod service_principal_without_source;

use super::RuleCtx;
use crate::catalog::{has_wildcard, wildcard_match};
use crate::diagnostic::Diagnostic;
use crate::model::{self, DocKind, Effect, Policy, PrincipalValue, Statement};
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

const AUDIT_ACTIONS: &[&str] = &[
    "cloudtrail:StopLogging",
    "cloudtrail:DeleteTrail",
    "cloudtrail:UpdateTrail",
    "cloudtrail:PutEventSelectors",
    "guardduty:DeleteDetector",
    "guardduty:UpdateDetector",
    "guardduty:DisassociateFromAdministratorAccount",
    "guardduty:DisassociateFromMasterAccount",
    "guardduty:DeleteMembers",
    "guardduty:StopMonitoringMembers",
    "config:StopConfigurationRecorder",
    "config:DeleteConfigurationRecorder",
    "config:DeleteDeliveryChannel",
    "securityhub:DisableSecurityHub",
    "securityhub:DisableImportFindingsForProduct",
    "access-analyzer:DeleteAnalyzer",
    "inspector2:Disable",
];

const KMS_ADMIN_ACTIONS: &[&str] = &[
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
fn covered<'a>(st: &Statement<'_>, actions: &[&'a str]) -> Vec<&'a str> {
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
fn explicit<'a>(st: &Statement<'a>, actions: &[&str]) -> Vec<model::StrValue<'a>> {
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

fn has_narrowing_condition(st: &Statement<'_>) -> bool {
    st.conditions().iter().any(|c| {
        let k = c.key.key.text.to_ascii_lowercase();
        NARROWING_KEYS.contains(&k.as_str())
            || k.starts_with("aws:principaltag/")
            || k.starts_with("aws:resourcetag/")
            || k.starts_with("aws:sourcetag/")
    })
}

fn resources_all(st: &Statement<'_>) -> bool {
    let (values, is_not) = st.resource_values();
    is_not || values.iter().any(|v| v.text == "*")
}

/// `*`, `{"AWS": "*"}`, or an account outside the trusted list (when the config has one).
fn is_everyone(p: &PrincipalValue<'_>) -> bool {
    matches!(p.kind, "*" | "AWS") && p.value.text == "*"
}

/// A bare 12-digit account id, the short form of `arn:aws:iam::ACCOUNT:root`.
fn is_account_id(v: &str) -> bool {
    v.len() == 12 && v.bytes().all(|b| b.is_ascii_digit())
}

fn account_of(p: &PrincipalValue<'_>) -> Option<String> {
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

pub(crate) fn check_statement(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    if st.effect() != Some(Effect::Allow) {
        return;
    }
    let kind = ctx.kind.kind;
    let principals = st.principals();
    let narrowed = has_narrowing_condition(st);
    let trusted = &ctx.config.governance.trusted_accounts;
    // Public access in resource policies.
    if kind.is_resource_policy() && st.principal.is_some() && !narrowed {
        if let Some(p) = principals.iter().find(|p| is_everyone(p)) {
            let msg = match kind {
                DocKind::KmsKey => "every AWS principal may use this key (KMS never serves anonymous requests, so \"*\" means any AWS account): name the principals or add a condition such as kms:CallerAccount or aws:PrincipalOrgID".to_string(),
                DocKind::Trust => "any AWS principal may assume this role: name the principals or add a condition such as aws:PrincipalOrgID".to_string(),
                _ => format!("{} allows everyone, anonymous users included: name the principals or add a condition such as aws:PrincipalOrgID, aws:SourceArn or aws:SourceVpce", st.label()),
            };
            acc.push(ctx.diag(&public_access::RULE, p.value.range(), msg));
        }
    }
    if st.not_principal.is_some() {
        if let Some(m) = st.not_principal {
            acc.push(ctx.diag(&not_principal_with_allow::RULE, m.key.range, format!("{} allows every principal except the listed ones, anonymous users included: use \"Principal\"", st.label())));
        }
    }
    if let Some(m) = st.not_resource {
        acc.push(ctx.diag(&not_resource_with_allow::RULE, m.key.range, format!("{} allows every resource except the listed ones, including resources created later: list them in \"Resource\"", st.label())));
    }
    let (actions, is_not) = st.action_values();
    let star_action = !is_not && actions.iter().any(|a| a.text == "*");
    if star_action
        && resources_all(st)
        && matches!(kind, DocKind::Identity | DocKind::Scp)
        && st.condition.is_none()
    {
        if let Some(a) = actions.iter().find(|a| a.text == "*") {
            acc.push(ctx.diag(
                &full_admin_access::RULE,
                a.range(),
                "\"Action\": \"*\" on every resource grants full administrator access".to_string(),
            ));
        }
    }
    // iam:PassRole on *.
    if matches!(kind, DocKind::Identity)
        && resources_all(st)
        && !covered(st, &["iam:PassRole"]).is_empty()
        && !star_action
    {
        let passed_to = st
            .conditions()
            .iter()
            .any(|c| c.key.key.text.eq_ignore_ascii_case("iam:PassedToService"));
        if !passed_to {
            let at = explicit(st, &["iam:PassRole"])
                .first()
                .map(|v| v.range())
                .or_else(|| st.action.or(st.not_action).map(|m| m.key.range));
            if let Some(r) = at {
                acc.push(ctx.diag(&pass_role_wildcard::RULE, r, "iam:PassRole on every role lets this principal hand any role (admins included) to a service it controls: name the roles in Resource and add iam:PassedToService".to_string()));
            }
        }
    }
    if matches!(kind, DocKind::Identity) && resources_all(st) && !star_action {
        let slr = explicit(st, &["iam:CreateServiceLinkedRole"]);
        let limited = st
            .conditions()
            .iter()
            .any(|c| c.key.key.text.eq_ignore_ascii_case("iam:AWSServiceName"));
        if let (Some(v), false) = (slr.first(), limited) {
            acc.push(ctx.diag(&create_slr_wildcard::RULE, v.range(), "iam:CreateServiceLinkedRole on \"*\" can create service-linked roles for any service: add an iam:AWSServiceName condition".to_string()));
        }
    }
    // Audit tampering: explicit (or service-wide) grants on * or to broad principals.
    let broad = principals.iter().any(is_everyone);
    if (kind == DocKind::Identity && resources_all(st)) || broad {
        for v in explicit(st, AUDIT_ACTIONS) {
            acc.push(ctx.diag(&audit_tampering::RULE, v.range(), format!("\"{}\" can turn off audit logging or threat detection: grant it only to named administrators on named resources", v.text)));
        }
    }
    // ForAllValues with Allow and no Null guard, when it is the statement's only restriction.
    let only_for_all = st
        .conditions()
        .iter()
        .all(|c| c.operator.key.text.starts_with("ForAllValues:"));
    for c in st.conditions().iter().filter(|_| only_for_all) {
        let op = c.operator.key.text.as_str();
        if !op.starts_with("ForAllValues:") {
            continue;
        }
        let key = c.key.key.text.as_str();
        let multi = ctx
            .catalog
            .condition_key(key)
            .is_some_and(|k| k.multi_valued);
        let guarded = st.conditions().iter().any(|o| {
            o.operator.key.text == "Null"
                && o.key.key.text.eq_ignore_ascii_case(key)
                && o.values
                    .iter()
                    .any(|v| model::scalar_text(v) == Some("false"))
        });
        if multi && !guarded {
            acc.push(ctx.diag(&forallvalues_with_allow::RULE, c.operator.key.range, format!("ForAllValues is also true when the request has no \"{key}\": add \"Null\": {{\"{key}\": \"false\"}} or use ForAnyValue")));
        }
    }
    // Service principals in resource policies without a source condition.
    if matches!(
        kind,
        DocKind::Resource | DocKind::S3Bucket | DocKind::KmsKey
    ) && !narrowed
    {
        let has_ctx = st.conditions().iter().any(|c| {
            c.key
                .key
                .text
                .to_ascii_lowercase()
                .starts_with("kms:encryptioncontext")
        });
        if let (Some(p), false) = (principals.iter().find(|p| p.kind == "Service"), has_ctx) {
            acc.push(ctx.diag(&service_principal_without_source::RULE, p.value.range(), format!("\"{}\" may act for any AWS customer's resources here (confused deputy): add aws:SourceArn or aws:SourceAccount", p.value.text)));
        }
    }
    // KMS: broad administration and cross-account use.
    if kind == DocKind::KmsKey {
        let key_account = key_account(ctx);
        let foreign: Vec<&PrincipalValue<'_>> = principals
            .iter()
            .filter(|p| {
                is_everyone(p)
                    || account_of(p)
                        .is_some_and(|a| Some(&a) != key_account.as_ref() && !trusted.contains(&a))
            })
            .collect();
        let admin = covered(st, KMS_ADMIN_ACTIONS);
        if !foreign.is_empty() && !admin.is_empty() && !narrowed {
            let at = explicit(st, KMS_ADMIN_ACTIONS)
                .first()
                .map(|v| v.range())
                .unwrap_or(foreign[0].value.range());
            acc.push(ctx.diag(&kms_broad_key_admin::RULE, at, format!("{} can administer this key ({}): grant administration to named roles of the key's account", principal_list(&foreign), admin.iter().take(3).copied().collect::<Vec<_>>().join(", "))));
        }
        let uses = covered(st, KMS_USE_ACTIONS);
        let constrained = st.conditions().iter().any(|c| {
            matches!(
                c.key.key.text.to_ascii_lowercase().as_str(),
                "kms:calleraccount" | "kms:viaservice"
            )
        });
        let cross: Vec<&&PrincipalValue<'_>> = foreign.iter().filter(|p| !is_everyone(p)).collect();
        if !cross.is_empty() && !uses.is_empty() && !constrained && key_account.is_some() {
            acc.push(ctx.diag(&kms_cross_account_unconstrained::RULE, cross[0].value.range(), format!("account {} may use this key for anything its own policies allow: add kms:ViaService or kms:CallerAccount", account_of(cross[0]).unwrap_or_default())));
        }
        let is_root = principals
            .iter()
            .all(|p| p.value.text.ends_with(":root") || is_account_id(p.value.text));
        if !admin.is_empty()
            && !uses.is_empty()
            && !is_root
            && !principals.is_empty()
            && !star_action
            && !actions.iter().any(|a| a.text.eq_ignore_ascii_case("kms:*"))
        {
            if let Some(m) = st.action {
                acc.push(ctx.diag(&kms_admin_and_use::RULE, m.key.range, format!("{} gives the same principals key administration ({}) and key use ({}): keep administrators and users apart", st.label(), admin[0], uses[0])));
            }
        }
    }
    // S3: s3:* to broad principals.
    if kind == DocKind::S3Bucket && broad && !narrowed {
        if let Some(v) = actions
            .iter()
            .find(|a| !is_not && (a.text == "*" || a.text.eq_ignore_ascii_case("s3:*")))
        {
            acc.push(ctx.diag(
                &s3_broad_full_access::RULE,
                v.range(),
                format!(
                    "\"{}\" for everyone lets anyone delete objects and change the bucket's policy",
                    v.text
                ),
            ));
        }
    }
    // Trust policies for OIDC providers.
    if kind == DocKind::Trust {
        oidc(ctx, st, &principals, acc);
    }
}

fn principal_list(ps: &[&PrincipalValue<'_>]) -> String {
    let names: Vec<String> = ps
        .iter()
        .take(2)
        .map(|p| format!("\"{}\"", p.value.text))
        .collect();
    names.join(", ")
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

fn oidc(
    ctx: &RuleCtx<'_>,
    st: &Statement<'_>,
    principals: &[PrincipalValue<'_>],
    acc: &mut Vec<Diagnostic>,
) {
    for p in principals.iter().filter(|p| p.kind == "Federated") {
        let v = p.value.text;
        let provider = if let Some(i) = v.find(":oidc-provider/") {
            v[i + ":oidc-provider/".len()..].to_string()
        } else if v == "cognito-identity.amazonaws.com"
            || v == "accounts.google.com"
            || v == "graph.facebook.com"
            || v == "www.amazon.com"
        {
            v.to_string()
        } else {
            continue;
        };
        let conds = st.conditions();
        let lower = provider.to_ascii_lowercase();
        let for_provider: Vec<_> = conds
            .iter()
            .filter(|c| {
                c.key
                    .key
                    .text
                    .to_ascii_lowercase()
                    .starts_with(&format!("{lower}:"))
            })
            .collect();
        if lower == "token.actions.githubusercontent.com" {
            let sub = for_provider
                .iter()
                .find(|c| c.key.key.text.to_ascii_lowercase().ends_with(":sub"));
            match sub {
                None => acc.push(ctx.diag(&oidc_trust_unconstrained::RULE, p.value.range(), "no condition on token.actions.githubusercontent.com:sub: every GitHub repository can assume this role; add StringLike sub = \"repo:OWNER/REPO:ref:refs/heads/BRANCH\"".to_string())),
                Some(c) => {
                    for n in &c.values {
                        let Some(s) = model::scalar_text(n) else { continue };
                        let lower_s = s.to_ascii_lowercase();
                        let owner_repo = lower_s.strip_prefix("repo:").unwrap_or("").split(':').next().unwrap_or("");
                        let open = s == "*" || lower_s == "repo:*" || owner_repo.starts_with('*') || owner_repo.is_empty();
                        if open {
                            acc.push(ctx.diag(&oidc_trust_unconstrained::RULE, n.range, format!("\"{s}\" lets any GitHub repository assume this role: name the owner and repository (repo:OWNER/REPO:…)")));
                        } else if has_wildcard(owner_repo) || s.ends_with(":*") {
                            let mut d = ctx.diag(&oidc_trust_unconstrained::RULE, n.range, format!("\"{s}\" matches several repositories or every branch: prefer one repository and branch or environment"));
                            d.severity = crate::diagnostic::Severity::Info;
                            acc.push(d);
                        }
                        let allowed = &ctx.config.governance.github_allowed;
                        if !allowed.is_empty() && !open && !allowed.iter().any(|a| {
                            let a = a.to_ascii_lowercase();
                            owner_repo == a || owner_repo.starts_with(&format!("{a}/"))
                        }) {
                            acc.push(ctx.diag(&oidc_trust_unconstrained::RULE, n.range, format!("\"{s}\" names a repository outside [governance] github-allowed ({})", allowed.join(", "))));
                        }
                    }
                }
            }
        } else if !for_provider.iter().any(|c| {
            let k = c.key.key.text.to_ascii_lowercase();
            k.ends_with(":aud")
                || k.ends_with(":sub")
                || k.ends_with(":app_id")
                || k.ends_with(":oaud")
        }) {
            acc.push(ctx.diag(&oidc_trust_unconstrained::RULE, p.value.range(), format!("no condition on the tokens of {provider} (such as {provider}:aud): any application of this provider can assume the role")));
        }
    }
}

/// Document-level governance: KMS lockout, S3 TLS and encryption, SCP audit protection.
pub(crate) fn check_document(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(policy) = ctx.policy else { return };
    let Some(anchor) = anchor(policy) else { return };
    match ctx.kind.kind {
        DocKind::KmsKey => {
            let manageable = policy.statements.iter().any(|st| {
                st.effect() == Some(Effect::Allow)
                    && !covered(st, &["kms:PutKeyPolicy"]).is_empty()
                    && !st.principals().is_empty()
            });
            if !manageable && !policy.statements.is_empty() {
                acc.push(ctx.diag(&super::governance::kms_no_root_admin::RULE, anchor, "no statement lets the account root or an administrator change this key policy (kms:PutKeyPolicy): one mistake could lock the key; add the account-root statement".to_string()));
            }
        }
        DocKind::S3Bucket => {
            let tls = policy.statements.iter().any(|st| {
                st.effect() == Some(Effect::Deny)
                    && st.conditions().iter().any(|c| {
                        c.key.key.text.eq_ignore_ascii_case("aws:SecureTransport")
                            && c.operator.key.text.starts_with("Bool")
                            && c.values.iter().any(|v| {
                                model::scalar_text(v)
                                    .is_some_and(|t| t.eq_ignore_ascii_case("false"))
                            })
                    })
            });
            if !tls {
                acc.push(ctx.diag(&super::governance::s3_missing_secure_transport::RULE, anchor, "no statement denies requests without TLS: add a Deny of s3:* with \"Bool\": {\"aws:SecureTransport\": \"false\"}".to_string()));
            }
            let enforced = enforced_encryption(policy);
            if let Some(required) = &ctx.config.governance.s3_required_encryption {
                if !enforced.iter().any(|e| e.eq_ignore_ascii_case(required)) {
                    acc.push(ctx.diag(&super::governance::s3_missing_required_encryption::RULE, anchor, format!("no statement denies s3:PutObject unless s3:x-amz-server-side-encryption is \"{required}\", as [governance] s3-required-encryption requires")));
                }
                let keys = &ctx.config.governance.s3_required_kms_keys;
                if !keys.is_empty()
                    && !policy.statements.iter().any(|st| {
                        st.effect() == Some(Effect::Deny)
                            && st.conditions().iter().any(|c| {
                                c.key.key.text.eq_ignore_ascii_case(
                                    "s3:x-amz-server-side-encryption-aws-kms-key-id",
                                )
                            })
                    })
                {
                    acc.push(ctx.diag(&super::governance::s3_missing_required_encryption::RULE, anchor, format!("no statement denies s3:PutObject unless s3:x-amz-server-side-encryption-aws-kms-key-id is one of {}", keys.join(", "))));
                }
            }
            let kms_required = enforced.iter().any(|e| e.starts_with("aws:kms"))
                || ctx
                    .config
                    .governance
                    .s3_required_encryption
                    .as_deref()
                    .is_some_and(|e| e.starts_with("aws:kms"));
            if kms_required {
                for st in &policy.statements {
                    if st.effect() == Some(Effect::Allow)
                        && st.principals().iter().any(is_everyone)
                        && !has_narrowing_condition(st)
                        && !covered(st, &["s3:GetObject"]).is_empty()
                    {
                        if let Some(m) = st.principal {
                            acc.push(ctx.diag(&s3_public_read_with_kms::RULE, m.key.range, "objects must be SSE-KMS encrypted, but anonymous readers can never decrypt KMS-encrypted objects: this public read cannot work".to_string()));
                        }
                    }
                }
            }
        }
        DocKind::Scp => {
            let protects = policy.statements.iter().any(|st| {
                st.effect() == Some(Effect::Deny)
                    && !covered(st, &["cloudtrail:StopLogging", "guardduty:DeleteDetector"])
                        .is_empty()
            });
            if !protects {
                acc.push(ctx.diag(&super::governance::scp_missing_audit_protection::RULE, anchor, "this SCP does not deny cloudtrail:StopLogging, cloudtrail:DeleteTrail or guardduty:DeleteDetector; if no other SCP does, member accounts can turn off audit and detection".to_string()));
            }
        }
        _ => {}
    }
}

/// Values of s3:x-amz-server-side-encryption that a Deny of PutObject enforces.
fn enforced_encryption(policy: &Policy<'_>) -> Vec<String> {
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

/// Where document-level findings point: the `"Statement"` key.
fn anchor(policy: &Policy<'_>) -> Option<TextRange> {
    policy.statement.map(|m| m.key.range).or_else(|| {
        Some(TextRange::new(
            policy.root.range.start as usize,
            policy.root.range.start as usize + 1,
        ))
    })
}
