//! Hover: what the element under the cursor means: the detected document kind on
//! `Version`, the elements and operators (from `docs`), actions, condition keys and
//! ARNs (from the catalog) and the notes' passages about them.

use super::context::Spot;
use super::docs::{element_doc_in, operator_doc, STATEMENT_DOCS, TOP_LEVEL_DOCS};
use crate::analysis::Analysis;
use crate::catalog::{has_wildcard, AccessLevel, Catalog};
use crate::model::DocKind;
use crate::model::KindSource;
use crate::notes::{Notes, Passage};
use crate::syntax::{Member, Node, PathStep, TextRange};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverInfo {
    /// The span the hover is about (highlighted by the editor).
    pub range: TextRange,
    pub markdown: String,
}

/// The hover at `offset`, if the cursor is on something we can explain.
pub fn hover(analysis: &Analysis, offset: usize) -> Option<HoverInfo> {
    if !analysis.is_policy {
        return None;
    }
    let catalog = crate::catalog::Catalog::builtin();
    hover_with(analysis, catalog, offset)
}

/// Like [`hover`], with an explicit catalog.
pub fn hover_with(analysis: &Analysis, catalog: &Catalog, offset: usize) -> Option<HoverInfo> {
    hover_with_notes(analysis, catalog, None, offset)
}

/// The hover, with the passages of `notes` that match the hovered action, key or
/// service appended.
pub fn hover_with_notes(
    analysis: &Analysis,
    catalog: &Catalog,
    notes: Option<&Notes>,
    offset: usize,
) -> Option<HoverInfo> {
    if analysis.host.is_some() {
        return super::embedded::hover(analysis, catalog, notes, offset);
    }
    let mut h = hover_core(analysis, catalog, offset)?;
    if let Some(notes) = notes {
        let passages = notes_for(analysis, notes, offset);
        append_notes(&mut h.markdown, &passages);
    }
    Some(h)
}

/// The notes passages about the action, condition key or resource under the cursor.
fn notes_for(analysis: &Analysis, notes: &Notes, offset: usize) -> Vec<Passage> {
    let Some(root) = analysis.parse.root.as_ref() else {
        return Vec::new();
    };
    let Some(ctx) = super::context::at(root, &analysis.text, offset) else {
        return Vec::new();
    };
    match (ctx.spot, ctx.keys.as_slice()) {
        (Spot::StringValue(n), ["Statement", "Action" | "NotAction"]) => {
            let Some(text) = n.as_str() else {
                return Vec::new();
            };
            match text.split_once(':') {
                Some((p, name)) if has_wildcard(name) => notes.for_service(p),
                Some(_) => notes.for_action(text),
                None => Vec::new(),
            }
        }
        (Spot::Key(m), ["Statement", "Condition", _, _]) => notes.for_key(&m.key.text),
        (Spot::StringValue(n), ["Statement", "Resource" | "NotResource"]) => n
            .as_str()
            .and_then(|t| t.split(':').nth(2))
            .map(|svc| notes.for_service(svc))
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}

/// Appends passages under a rule, each with where it comes from.
pub fn append_notes(md: &mut String, passages: &[Passage]) {
    for p in passages {
        let from = if p.builtin {
            "policy-lsp notes".to_string()
        } else {
            let name = p.source.rsplit(['/', '\\']).next().unwrap_or(&p.source);
            match &p.link {
                Some(link) => format!("[{name}:{}]({link})", p.line),
                None => format!("{name}:{}", p.line),
            }
        };
        md.push_str(&format!(
            "\n\n---\n\n**Notes: {}** ({from})\n\n{}",
            p.heading,
            p.markdown.trim()
        ));
    }
}

fn hover_core(analysis: &Analysis, catalog: &Catalog, offset: usize) -> Option<HoverInfo> {
    if !analysis.is_policy {
        return None;
    }
    let root = analysis.parse.root.as_ref()?;
    if let Some(h) = element_hover(analysis, root, offset) {
        return Some(h);
    }
    let ctx = super::context::at(root, &analysis.text, offset)?;
    let keys = ctx.keys.clone();
    match (ctx.spot, keys.as_slice()) {
        (Spot::StringValue(n), ["Statement", "Action" | "NotAction"]) => action_hover(catalog, n),
        (Spot::StringValue(n), ["Statement", "Resource" | "NotResource"]) => {
            resource_hover(catalog, &ctx, n)
        }
        (Spot::StringValue(n), ["Statement", "Principal" | "NotPrincipal", ..]) => {
            principal_hover(analysis, &ctx, n)
        }
        (Spot::Key(m), ["Statement", "Condition", _]) => Some(HoverInfo {
            range: m.key.range,
            markdown: operator_doc(&m.key.text)?,
        }),
        (Spot::Key(m), ["Statement", "Condition", _, _]) => {
            key_hover(catalog, &ctx, &m.key.text, m.key.range)
        }
        (Spot::Key(m), ["Statement", "Principal" | "NotPrincipal", _]) => Some(HoverInfo {
            range: m.key.range,
            markdown: principal_type_doc(&m.key.text)?.to_string(),
        }),
        _ => None,
    }
}

fn element_hover(analysis: &Analysis, root: &Node, offset: usize) -> Option<HoverInfo> {
    let path = root.path_at(offset);
    let (member, on_key, depth) = innermost_member(root, &path)?;
    match depth {
        Depth::TopLevel if member.key.text == "Version" => {
            let range = if on_key {
                member.key.range
            } else {
                member.value.as_ref().map_or(member.key.range, |v| v.range)
            };
            Some(HoverInfo {
                range,
                markdown: version_hover(analysis),
            })
        }
        Depth::TopLevel if on_key => {
            let doc = element_doc_in(TOP_LEVEL_DOCS, &member.key.text)?;
            Some(HoverInfo {
                range: member.key.range,
                markdown: format!("**{}**\n\n{doc}", member.key.text),
            })
        }
        Depth::Statement if on_key => {
            let doc = element_doc_in(STATEMENT_DOCS, &member.key.text)?;
            Some(HoverInfo {
                range: member.key.range,
                markdown: format!("**{}** (statement element)\n\n{doc}", member.key.text),
            })
        }
        _ => None,
    }
}

fn principal_type_doc(t: &str) -> Option<&'static str> {
    Some(match t {
        "AWS" => "**AWS** principal: AWS accounts (`111122223333` or `arn:aws:iam::111122223333:root`, meaning every principal of that account whose own policies allow it), IAM roles and users, role sessions, or `\"*\"` for every AWS principal.",
        "Service" => "**Service** principal: an AWS service acting on your behalf, such as `lambda.amazonaws.com`. Pair it with `aws:SourceArn` / `aws:SourceAccount` conditions so that only your resources can make the service act (confused-deputy protection).",
        "Federated" => "**Federated** principal: users of an identity provider: a SAML or OIDC provider ARN (GitHub Actions, EKS, Okta, …) or Cognito, Google, Facebook, Login with Amazon. Restrict the token's claims (`:aud`, `:sub`) in the Condition.",
        "CanonicalUser" => "**CanonicalUser** principal: an S3 canonical user id (64 hex digits), used by S3 ACLs and CloudFront origin access identities.",
        _ => return None,
    })
}

const MAX_LISTED: usize = 12;

fn action_hover(catalog: &Catalog, n: &Node) -> Option<HoverInfo> {
    let text = n.as_str()?;
    let range = n.range;
    if text == "*" {
        let total: usize = catalog.services().iter().map(|s| s.actions().len()).sum();
        return Some(HoverInfo { range, markdown: format!("**`*`**: every action of every AWS service ({total} actions in {} services in the catalog of {}), including those added later.", catalog.services().len(), catalog.provenance().date) });
    }
    let (prefix, name) = text.split_once(':')?;
    if has_wildcard(text) {
        return Some(wildcard_action_hover(catalog, text, range));
    }
    let svc = catalog.service(prefix)?;
    let act = catalog.action(prefix, name)?;
    let mut md = format!(
        "**`{}:{}`** ({}) · {}\n\n",
        svc.prefix,
        act.name,
        act.access_level.as_str(),
        svc.name
    );
    if !act.description.is_empty() {
        md.push_str(&act.description);
        md.push_str("\n\n");
    }
    if act.resource_types.is_empty() {
        md.push_str("**Resources:** none: this action takes `\"Resource\": \"*\"`.\n\n");
    } else {
        md.push_str("**Resource types:**\n");
        for (rt_name, required) in &act.resource_types {
            let formats = svc
                .resource_type(rt_name)
                .map(|r| r.arn_formats.join("`, `"))
                .unwrap_or_default();
            md.push_str(&format!(
                "- `{rt_name}`{}: `{formats}`\n",
                if *required { " (required)" } else { "" }
            ));
        }
        md.push('\n');
    }
    let keys = catalog.keys_for_actions_ref([(svc.prefix.as_str(), act.name.as_str())]);
    // `kms:RecipientAttestation:PCR{0..31}`: a numbered family is one entry.
    let keys = crate::catalog::families::group(&keys);
    if !keys.is_empty() {
        let shown: Vec<String> = keys
            .iter()
            .take(MAX_LISTED * 2)
            .map(|k| format!("`{}`", k.label()))
            .collect();
        let more = if keys.len() > shown.len() {
            format!(" and {} more", keys.len() - shown.len())
        } else {
            String::new()
        };
        md.push_str(&format!(
            "**Condition keys:** {}{more}\n\n",
            shown.join(", ")
        ));
    }
    md.push_str(&format!("[Service Authorization Reference]({})", act.url));
    Some(HoverInfo {
        range,
        markdown: md,
    })
}

/// The actions an action pattern matches, by access level.
fn wildcard_action_hover(catalog: &Catalog, text: &str, range: TextRange) -> HoverInfo {
    let matches = catalog.match_actions(text);
    let mut md = format!(
        "**`{text}`** matches {} action{}",
        matches.len(),
        if matches.len() == 1 { "" } else { "s" }
    );
    if matches.is_empty() {
        md.push_str(&format!(
            " in the catalog of {}.",
            catalog.provenance().date
        ));
        return HoverInfo {
            range,
            markdown: md,
        };
    }
    md.push_str(":\n");
    for level in [
        AccessLevel::List,
        AccessLevel::Read,
        AccessLevel::Write,
        AccessLevel::PermissionsManagement,
        AccessLevel::Tagging,
    ] {
        let names: Vec<String> = matches
            .iter()
            .filter(|(_, a)| a.access_level == level)
            .map(|(s, a)| format!("`{}:{}`", s.prefix, a.name))
            .collect();
        if names.is_empty() {
            continue;
        }
        let shown = names
            .iter()
            .take(MAX_LISTED)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        let more = if names.len() > MAX_LISTED {
            format!(" and {} more", names.len() - MAX_LISTED)
        } else {
            String::new()
        };
        md.push_str(&format!(
            "\n- **{}** ({}): {shown}{more}",
            level.as_str(),
            names.len()
        ));
    }
    HoverInfo {
        range,
        markdown: md,
    }
}

fn key_hover(
    catalog: &Catalog,
    ctx: &super::context::CursorContext<'_>,
    key: &str,
    range: TextRange,
) -> Option<HoverInfo> {
    let info = catalog.condition_key(key)?;
    let mut md = format!("**`{}`** (condition key", info.name);
    match (&info.service, &info.provider) {
        (Some(s), _) => md.push_str(&format!(" of {s})")),
        (None, Some(p)) => md.push_str(&format!(", {p})")),
        (None, None) => md.push_str(", global)"),
    }
    md.push_str(&format!(
        "\n\nType: **{}**, {}. ",
        info.key_type.as_str(),
        if info.multi_valued {
            "multi-valued (use `ForAnyValue:` or `ForAllValues:`)"
        } else {
            "single-valued"
        }
    ));
    md.push_str(&format!(
        "Operators: {}.\n\n",
        crate::rules::conditions::family_for(info.key_type)
    ));
    if !info.description.is_empty() {
        md.push_str(&info.description);
        md.push_str("\n\n");
    }
    if let Some(a) = &info.availability {
        md.push_str(&format!("*Present:* {a}\n\n"));
    }
    if let (Some(svc), Some(st)) = (&info.service, ctx.statement.as_ref()) {
        let (actions, _) = st.action_values();
        let mut yes = Vec::new();
        let mut no = Vec::new();
        for a in &actions {
            let Some((p, n)) = a.text.split_once(':') else {
                continue;
            };
            if !p.eq_ignore_ascii_case(svc) || has_wildcard(n) {
                continue;
            }
            if catalog.action_supports_key(p, n, key) {
                yes.push(format!("`{}`", a.text));
            } else {
                no.push(format!("`{}`", a.text));
            }
        }
        if !yes.is_empty() {
            md.push_str(&format!(
                "Supported by this statement's {}.\n\n",
                yes.join(", ")
            ));
        }
        if !no.is_empty() {
            md.push_str(&format!("**Not** supported by {}.\n\n", no.join(", ")));
        }
    }
    Some(HoverInfo {
        range,
        markdown: md.trim_end().to_string(),
    })
}

fn resource_hover(
    catalog: &Catalog,
    ctx: &super::context::CursorContext<'_>,
    n: &Node,
) -> Option<HoverInfo> {
    let text = n.as_str()?;
    if text == "*" {
        return Some(HoverInfo { range: n.range, markdown: "**`*`**: every resource the statement's actions can apply to, including resources created later.".to_string() });
    }
    let service = text.split(':').nth(2)?;
    let mut types: Vec<String> = catalog
        .resource_types_for_arn(service, text)
        .iter()
        .map(|r| format!("`{}`", r.name))
        .collect();
    // Resource types of other services used by the statement's actions (ssm → ec2 instance).
    if let Some(st) = ctx.statement.as_ref() {
        for a in st.action_values().0 {
            if let Some((p, _)) = a.text.split_once(':') {
                if !p.eq_ignore_ascii_case(service) && !has_wildcard(p) {
                    for r in catalog.resource_types_for_arn(p, text) {
                        let s = format!("`{}` ({p})", r.name);
                        if !types.contains(&s) {
                            types.push(s);
                        }
                    }
                }
            }
        }
    }
    let md = if types.is_empty() {
        format!("**`{text}`**\n\nMatches no documented {service} resource type.")
    } else {
        format!("**`{text}`**\n\nResource type: {}.", types.join(", "))
    };
    Some(HoverInfo {
        range: n.range,
        markdown: md,
    })
}

fn principal_hover(
    analysis: &Analysis,
    ctx: &super::context::CursorContext<'_>,
    n: &Node,
) -> Option<HoverInfo> {
    let v = n.as_str()?;
    let ptype = ctx.keys.get(2).copied().unwrap_or("*");
    let md = if v == "*" {
        let risk = match analysis.kind.kind {
            DocKind::KmsKey => "In a key policy this opens the key to every AWS principal that its own policies allow (KMS never serves anonymous requests); add a condition such as `kms:CallerAccount` or `aws:PrincipalOrgID`.",
            DocKind::Trust => "In a trust policy this lets any AWS principal assume the role unless a condition narrows it.",
            _ => "Everyone, including anonymous users, unless a condition narrows it (`aws:PrincipalOrgID`, `aws:SourceArn`, `aws:SourceAccount`, `aws:SourceVpce`, …).",
        };
        format!("**`*`** (principal): {risk}")
    } else if ptype == "AWS" && v.len() == 12 && v.bytes().all(|b| b.is_ascii_digit()) {
        format!("**Account {v}**: the account as a whole; its own IAM policies decide which of its principals may use this. Same as `arn:aws:iam::{v}:root`.")
    } else if v.contains(":root") {
        format!("**`{v}`**: the account as a whole; its own IAM policies decide which of its principals may use this.")
    } else if v.contains(":role/") {
        format!("**`{v}`**: an IAM role (any session of it).")
    } else if v.contains(":user/") {
        format!("**`{v}`**: an IAM user.")
    } else if v.contains(":assumed-role/") {
        format!("**`{v}`**: one session of a role.")
    } else if ptype == "Service" {
        format!("**`{v}`**: an AWS service principal. Add `aws:SourceArn` or `aws:SourceAccount` so the service acts only for your resources.")
    } else if ptype == "Federated" {
        format!("**`{v}`**: an identity provider; constrain its token's claims in the Condition.")
    } else {
        return None;
    };
    Some(HoverInfo {
        range: n.range,
        markdown: md,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Depth {
    TopLevel,
    Statement,
    Deeper,
}

/// The member under the cursor (on its key or directly on its value), whether the
/// cursor is on the key, and how deep the member sits.
fn innermost_member<'a>(
    root: &'a Node,
    path: &[PathStep<'a>],
) -> Option<(&'a Member, bool, Depth)> {
    let last_member = path
        .iter()
        .rposition(|s| matches!(s, PathStep::Member(_) | PathStep::Key(_)))?;
    // Only when the member is the innermost thing: a cursor inside a nested value of
    // a member is about that value, not the member.
    if path[last_member + 1..]
        .iter()
        .any(|s| matches!(s, PathStep::Index(_)))
    {
        return None;
    }
    let (member, on_key) = match path[last_member] {
        PathStep::Key(m) => (m, true),
        PathStep::Member(m) => {
            // On the value: only scalars count (an object value has members of its own).
            if m.value
                .as_ref()
                .is_some_and(|v| v.as_object().is_some() || v.as_array().is_some())
            {
                return None;
            }
            (m, false)
        }
        PathStep::Index(_) => return None,
    };
    let above = &path[..last_member];
    let depth = match above {
        [] => Depth::TopLevel,
        [PathStep::Member(st)] | [PathStep::Member(st), PathStep::Index(_)]
            if st.key.text == "Statement" && is_root_member(root, st) =>
        {
            Depth::Statement
        }
        _ => Depth::Deeper,
    };
    Some((member, on_key, depth))
}

fn is_root_member(root: &Node, m: &Member) -> bool {
    root.as_object()
        .is_some_and(|o| o.members.iter().any(|it| std::ptr::eq(it, m)))
}

fn version_hover(analysis: &Analysis) -> String {
    let kind = &analysis.kind;
    let how = match kind.source {
        KindSource::Explicit => "set explicitly",
        KindSource::FileName => "from the file name",
        KindSource::Content | KindSource::ContentOverName(_) => "from the content",
    };
    let version_doc = element_doc_in(TOP_LEVEL_DOCS, "Version").unwrap_or_default();
    format!(
        "**{}** (`{}`)\n\nDetected {how}: {}.\n\n---\n\n**Version**\n\n{version_doc}",
        kind.kind.title(),
        kind.kind.name(),
        kind.reason
    )
}

#[cfg(test)]
mod tests {
    use crate::ide::test_utils::{check_hover, check_no_hover};
    use expect_test::expect;

    const POLICY: &str = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}"#;

    /// POLICY as a fixture for `file`, the cursor just inside `marker_before`.
    fn at(file: &str, marker_before: &str) -> String {
        let at = POLICY.find(marker_before).unwrap() + 1;
        format!("//- {file}\n{}$0{}", &POLICY[..at], &POLICY[at..])
    }

    #[test]
    fn version_shows_kind_and_reason() {
        check_hover(
            &at("x.kms.json", "\"Version"),
            expect![[r#"
            span: `"Version"`

            **KMS key policy** (`kms-key`)

            Detected from the file name: the file name ends in `.kms.json`.

            ---

            **Version**

            The version of the policy language, not a date of your choosing. Use `"2012-10-17"`: with the legacy `"2008-10-17"` (or no Version at all) policy variables such as `${aws:username}` are read as plain text.
        "#]],
        );
        check_hover(
            &at("p.json", "\"2012-10-17"),
            expect![[r#"
            span: `"2012-10-17"`

            **IAM identity policy** (`identity`)

            Detected from the content: no statement has a Principal, so this is an identity policy.

            ---

            **Version**

            The version of the policy language, not a date of your choosing. Use `"2012-10-17"`: with the legacy `"2008-10-17"` (or no Version at all) policy variables such as `${aws:username}` are read as plain text.
        "#]],
        );
    }

    #[test]
    fn statement_elements_are_explained() {
        check_hover(
            &at("p.json", "\"Sid\""),
            expect![[r#"
            span: `"Sid"`

            **Sid** (statement element)

            A label for the statement (statement ID). Optional; letters and digits only in IAM policies, and unique within the policy. It helps people and tools refer to the statement; it does not change what is granted.
        "#]],
        );
        check_hover(
            &at("p.json", "\"Effect\""),
            expect![[r#"
            span: `"Effect"`

            **Effect** (statement element)

            Whether the statement grants or refuses access: `"Allow"` or `"Deny"` (exactly so capitalized). Access is denied unless some statement allows it, and an explicit Deny overrides every Allow.
        "#]],
        );
        check_hover(
            &at("p.json", "\"Action\""),
            expect![[r#"
            span: `"Action"`

            **Action** (statement element)

            The API operations the statement covers, as `service:Operation` (for example `s3:GetObject`). Wildcards are allowed (`s3:Get*`, `*`); names are case-insensitive.
        "#]],
        );
        check_hover(
            &at("p.json", "\"Resource\""),
            expect![[r#"
            span: `"Resource"`

            **Resource** (statement element)

            The resources the statement covers, as ARNs (for example `arn:aws:s3:::my-bucket/*`), with `*` and `?` wildcards. In a resource-based policy it usually names the resource the policy is attached to.
        "#]],
        );
        check_hover(
            &at("p.json", "\"Condition\""),
            expect![[r#"
            span: `"Condition"`

            **Condition** (statement element)

            Extra requirements for the statement to apply: `{ "Operator": { "key": value(s) } }`, for example `{ "StringEquals": { "aws:PrincipalOrgID": "o-abc123" } }`. All operators and keys must match; several values for one key match if any of them does.
        "#]],
        );
    }

    #[test]
    fn actions_keys_and_operators() {
        check_hover(
            &at("p.json", "\"s3:GetObject"),
            expect![[r#"
            span: `"s3:GetObject"`

            **`s3:GetObject`** (Read) · Amazon S3

            Grants permission to retrieve objects from Amazon S3

            **Resource types:**
            - `accesspointobject`: `arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}`
            - `object`: `arn:${Partition}:s3:::${BucketName}/${ObjectName}`

            **Condition keys:** `aws:ResourceTag/${TagKey}`, `s3:AccessGrantsInstanceArn`, `s3:AccessPointNetworkOrigin`, `s3:AccessPointTag/${TagKey}`, `s3:authType`, `s3:BucketTag/${TagKey}`, `s3:DataAccessPointAccount`, `s3:DataAccessPointArn`, `s3:ExistingObjectTag/<key>`, `s3:ResourceAccount`, `s3:signatureAge`, `s3:signatureversion`, `s3:TlsVersion`, `s3:x-amz-content-sha256`

            [Service Authorization Reference](https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html#amazons3-actions-as-permissions)
        "#]],
        );
        check_hover(
            &at("p.json", "\"aws:SecureTransport"),
            expect![[r#"
            span: `"aws:SecureTransport"`

            **`aws:SecureTransport`** (condition key, global)

            Type: **Bool**, single-valued. Operators: Bool.

            Whether the request arrived over TLS.

            *Present:* always present
        "#]],
        );
        check_hover(
            &at("p.json", "\"Bool"),
            expect![[r#"
            span: `"Bool"`

            **Bool** (condition operator)

            True when the boolean key has the value `"true"` or `"false"`. Values: Bool.
        "#]],
        );
    }

    #[test]
    fn numbered_key_families_are_one_entry() {
        check_hover(
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "kms:De$0crypt", "Resource": "*"}]}"#,
            expect![[r#"
                span: `"kms:Decrypt"`

                **`kms:Decrypt`** (Write) · AWS Key Management Service

                Controls permission to decrypt ciphertext that was encrypted under an AWS KMS key

                **Resource types:**
                - `key` (required): `arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}`

                **Condition keys:** `aws:ResourceTag/${TagKey}`, `kms:CallerAccount`, `kms:EncryptionAlgorithm`, `kms:EncryptionContext:${EncryptionContextKey}`, `kms:EncryptionContextKeys`, `kms:KeyOrigin`, `kms:KeySpec`, `kms:KeyUsage`, `kms:MultiRegion`, `kms:MultiRegionKeyType`, `kms:RecipientAttestation:ImageSha384`, `kms:RecipientAttestation:NitroTPMPCR{0..23}`, `kms:RecipientAttestation:PCR{0..31}`, `kms:RequestAlias`, `kms:ResourceAliases`, `kms:ViaService`

                [Service Authorization Reference](https://docs.aws.amazon.com/service-authorization/latest/reference/list_awskeymanagementservice.html#awskeymanagementservice-actions-as-permissions)
            "#]],
        );
    }

    #[test]
    fn wildcard_action_lists_matches_by_level() {
        check_hover(
            r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:Get$0Object*", "Resource": "*"}]}"#,
            expect![[r#"
                span: `"s3:GetObject*"`

                **`s3:GetObject*`** matches 16 actions:

                - **Read** (16): `s3:GetObject`, `s3:GetObjectAcl`, `s3:GetObjectAnnotation`, `s3:GetObjectAttributes`, `s3:GetObjectLegalHold`, `s3:GetObjectRetention`, `s3:GetObjectTagging`, `s3:GetObjectTorrent`, `s3:GetObjectVersion`, `s3:GetObjectVersionAcl`, `s3:GetObjectVersionAnnotation`, `s3:GetObjectVersionAnnotationForReplication` and 4 more
            "#]],
        );
    }

    #[test]
    fn no_hover_for_non_policies() {
        check_no_hover("//- package.json\n{\"name\": \"x\", \"$0Effect\": 1}");
    }
}
