//! Value completion: actions, resources (ARN snippets), principals and condition values.

use super::*;

/// Services, then a service's actions, most used by real policies first.
pub(super) fn actions(
    ctx: &CursorContext<'_>,
    catalog: &Catalog,
    audience: Audience,
    acc: &mut Vec<CompletionItem>,
) {
    let typed = ctx.typed.as_str();
    let usage = usage::usage();
    match typed.split_once(':') {
        None => {
            for s in catalog.services() {
                let mut it = item(
                    ctx,
                    &format!("{}:", s.prefix),
                    ItemKind::Service,
                    Some(&s.name),
                    None,
                    value_insert_open(ctx, &format!("{}:", s.prefix)),
                    &format!(
                        "1{}",
                        usage::rank_text(usage.service_score(&s.prefix, audience))
                    ),
                );
                it.retrigger = true;
                acc.push(it);
            }
            acc.push(item(
                ctx,
                "*",
                ItemKind::Value,
                Some("every action of every service"),
                None,
                value_insert(ctx, "*"),
                "2",
            ));
        }
        Some((prefix, _)) => {
            let Some(s) = catalog.service(prefix) else {
                return;
            };
            acc.push(item(
                ctx,
                &format!("{}:*", s.prefix),
                ItemKind::Value,
                Some(&format!("all {} actions of {}", s.actions().len(), s.name)),
                None,
                value_insert(ctx, &format!("{}:*", s.prefix)),
                "2",
            ));
            for verb in ["Get", "List", "Describe"] {
                let n = s
                    .actions()
                    .iter()
                    .filter(|a| a.name.starts_with(verb))
                    .count();
                if n > 1 {
                    let label = format!("{}:{verb}*", s.prefix);
                    acc.push(item(
                        ctx,
                        &label,
                        ItemKind::Value,
                        Some(&format!("{n} actions")),
                        None,
                        value_insert(ctx, &label),
                        "2",
                    ));
                }
            }
            for a in s.actions() {
                let label = format!("{}:{}", s.prefix, a.name);
                let doc = if a.description.is_empty() {
                    None
                } else {
                    Some(a.description.clone())
                };
                acc.push(item(
                    ctx,
                    &label,
                    ItemKind::Action,
                    Some(a.access_level.as_str()),
                    doc,
                    value_insert(ctx, &label),
                    &format!(
                        "1{}",
                        usage::rank_text(usage.action_score(&label, audience))
                    ),
                ));
            }
        }
    }
}

pub(super) fn resources(ctx: &CursorContext<'_>, catalog: &Catalog, acc: &mut Vec<CompletionItem>) {
    acc.push(item(
        ctx,
        "*",
        ItemKind::Value,
        Some("every resource"),
        None,
        value_insert(ctx, "*"),
        "2",
    ));
    let Some(st) = ctx.statement.as_ref() else {
        return;
    };
    let (actions, _) = st.action_values();
    let mut seen = FastSet::default();
    for a in &actions {
        if a.text == "*" || a.text.split_once(':').is_none_or(|(p, _)| has_wildcard(p)) {
            continue;
        }
        for (s, act) in catalog.match_actions(a.text).into_iter().take(50) {
            for (rt_name, _) in &act.resource_types {
                let Some(rt) = s.resource_type(rt_name) else {
                    continue;
                };
                for fmt in &rt.arn_formats {
                    if !seen.insert(fmt.clone()) {
                        continue;
                    }
                    let (label, snippet) = arn_snippet(fmt);
                    let body = if ctx.in_string {
                        snippet
                    } else {
                        format!("\"{snippet}\"")
                    };
                    acc.push(CompletionItem {
                        label,
                        kind: ItemKind::Snippet,
                        detail: Some(format!("{} {}", s.prefix, rt.name)),
                        documentation: Some(format!(
                            "ARN format of the `{}` resource type, used by `{}:{}`",
                            rt.name, s.prefix, act.name
                        )),
                        insert: body,
                        snippet: true,
                        range: ctx.replace,
                        sort: "0".to_string(),
                        retrigger: false,
                    });
                }
            }
        }
    }
}

/// `arn:${Partition}:s3:::${BucketName}/${ObjectName}` → label with `aws`, snippet with
/// numbered placeholders.
pub(super) fn arn_snippet(fmt: &str) -> (String, String) {
    let label = fmt.replace("${Partition}", "aws");
    let mut out = String::new();
    let mut rest = label.as_str();
    let mut n = 1;
    while let Some(i) = rest.find("${") {
        let Some(j) = rest[i..].find('}') else { break };
        out.push_str(&esc(&rest[..i]));
        out.push_str(&format!("${{{n}:{}}}", esc(&rest[i + 2..i + j])));
        n += 1;
        rest = &rest[i + j + 1..];
    }
    out.push_str(&esc(rest));
    (label, out)
}

pub(super) fn principal_values(
    ctx: &CursorContext<'_>,
    catalog: &Catalog,
    t: &str,
    acc: &mut Vec<CompletionItem>,
) {
    match t {
        "Service" => {
            for p in catalog.service_principals() {
                acc.push(item(
                    ctx,
                    p,
                    ItemKind::Value,
                    Some("service principal"),
                    None,
                    value_insert(ctx, p),
                    "1",
                ));
            }
        }
        "Federated" => {
            for (label, snip) in [
                ("arn:aws:iam::ACCOUNT:oidc-provider/token.actions.githubusercontent.com", "arn:aws:iam::${1:111122223333}:oidc-provider/token.actions.githubusercontent.com"),
                ("arn:aws:iam::ACCOUNT:oidc-provider/HOST", "arn:aws:iam::${1:111122223333}:oidc-provider/${2:host}"),
                ("arn:aws:iam::ACCOUNT:saml-provider/NAME", "arn:aws:iam::${1:111122223333}:saml-provider/${2:name}"),
            ] {
                let body = if ctx.in_string { snip.to_string() } else { format!("\"{snip}\"") };
                acc.push(CompletionItem { label: label.to_string(), kind: ItemKind::Snippet, detail: Some("identity provider".to_string()), documentation: None, insert: body, snippet: true, range: ctx.replace, sort: "0".to_string(), retrigger: false });
            }
            for d in [
                "cognito-identity.amazonaws.com",
                "accounts.google.com",
                "graph.facebook.com",
                "www.amazon.com",
            ] {
                acc.push(item(
                    ctx,
                    d,
                    ItemKind::Value,
                    Some("identity provider"),
                    None,
                    value_insert(ctx, d),
                    "1",
                ));
            }
        }
        "AWS" => {
            for (label, snip, detail) in [
                (
                    "arn:aws:iam::ACCOUNT:root",
                    "arn:aws:iam::${1:111122223333}:root",
                    "every principal of an account (its policies decide)",
                ),
                (
                    "arn:aws:iam::ACCOUNT:role/NAME",
                    "arn:aws:iam::${1:111122223333}:role/${2:name}",
                    "an IAM role",
                ),
                (
                    "arn:aws:iam::ACCOUNT:user/NAME",
                    "arn:aws:iam::${1:111122223333}:user/${2:name}",
                    "an IAM user",
                ),
                (
                    "arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION",
                    "arn:aws:sts::${1:111122223333}:assumed-role/${2:role}/${3:session}",
                    "one role session",
                ),
            ] {
                let body = if ctx.in_string {
                    snip.to_string()
                } else {
                    format!("\"{snip}\"")
                };
                acc.push(CompletionItem {
                    label: label.to_string(),
                    kind: ItemKind::Snippet,
                    detail: Some(detail.to_string()),
                    documentation: None,
                    insert: body,
                    snippet: true,
                    range: ctx.replace,
                    sort: "0".to_string(),
                    retrigger: false,
                });
            }
        }
        _ => {}
    }
}

/// Values of keys with a known set of values.
pub(super) fn condition_values(
    ctx: &CursorContext<'_>,
    catalog: &Catalog,
    op: &str,
    key: &str,
    acc: &mut Vec<CompletionItem>,
) {
    let family = parse_operator(op).map(|o| o.family);
    let info = catalog.condition_key(key);
    let values: Vec<(&str, &str)> = if matches!(family, Some(Family::Bool | Family::Null))
        || info.as_ref().is_some_and(|i| i.key_type == KeyType::Bool)
    {
        vec![("true", ""), ("false", "")]
    } else {
        match key.to_ascii_lowercase().as_str() {
            "s3:x-amz-server-side-encryption" => vec![
                ("AES256", "SSE-S3: keys managed by S3"),
                ("aws:kms", "SSE-KMS: an AWS KMS key"),
                ("aws:kms:dsse", "DSSE-KMS: dual-layer encryption with KMS"),
            ],
            "s3:x-amz-acl" => vec![
                ("private", ""),
                ("bucket-owner-full-control", ""),
                ("bucket-owner-read", ""),
                ("public-read", "anyone can read"),
                ("public-read-write", "anyone can read and write"),
                ("authenticated-read", "any AWS account can read"),
            ],
            "token.actions.githubusercontent.com:aud" => vec![(
                "sts.amazonaws.com",
                "the audience GitHub's AWS action requests",
            )],
            "token.actions.githubusercontent.com:sub" => vec![
                (
                    "repo:OWNER/REPO:ref:refs/heads/main",
                    "one branch of one repository",
                ),
                (
                    "repo:OWNER/REPO:environment:NAME",
                    "one deployment environment",
                ),
                ("repo:OWNER/REPO:pull_request", "pull requests"),
            ],
            "aws:principaltype" => vec![
                ("AWSAccount", ""),
                ("AssumedRole", ""),
                ("FederatedUser", ""),
                ("User", ""),
                ("Anonymous", ""),
            ],
            "kms:viaservice" => vec![
                ("s3.us-east-1.amazonaws.com", ""),
                ("ec2.us-east-1.amazonaws.com", ""),
                ("rds.us-east-1.amazonaws.com", ""),
                ("secretsmanager.us-east-1.amazonaws.com", ""),
            ],
            "aws:requestedregion" => REGIONS.iter().map(|r| (*r, "")).collect(),
            _ => Vec::new(),
        }
    };
    for (v, d) in values {
        let detail = if d.is_empty() { None } else { Some(d) };
        acc.push(item(
            ctx,
            v,
            ItemKind::Value,
            detail,
            None,
            value_insert(ctx, v),
            "0",
        ));
    }
}

/// Commercial Regions, for `aws:RequestedRegion` values.
pub const REGIONS: &[&str] = &[
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
];
