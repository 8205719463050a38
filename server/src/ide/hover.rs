//! Hover: what the element under the cursor means. Catalog-free for now: the detected
//! document kind on `Version`, and plain-words explanations of policy elements.

use crate::analysis::Analysis;
use crate::model::KindSource;
use crate::syntax::{Member, Node, PathStep, TextRange};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HoverInfo {
    /// The span the hover is about (highlighted by the editor).
    pub range: TextRange,
    pub markdown: String,
}

/// Top-level element explanations.
pub const TOP_LEVEL_DOCS: &[(&str, &str)] = &[
    (
        "Version",
        "The version of the policy language, not a date of your choosing. Use `\"2012-10-17\"`: \
with the legacy `\"2008-10-17\"` (or no Version at all) policy variables such as `${aws:username}` are read as plain text.",
    ),
    ("Id", "An optional identifier for the whole policy. AWS does not interpret it; some services ask for a GUID here."),
    (
        "Statement",
        "The rules of the policy: one statement object or an array of them. Each statement allows or denies \
some actions on some resources, optionally only under conditions. An explicit Deny in any statement always wins over an Allow.",
    ),
];

/// Statement element explanations.
pub const STATEMENT_DOCS: &[(&str, &str)] = &[
    (
        "Sid",
        "A label for the statement (statement ID). Optional; letters and digits only in IAM policies, and unique \
within the policy. It helps people and tools refer to the statement; it does not change what is granted.",
    ),
    (
        "Effect",
        "Whether the statement grants or refuses access: `\"Allow\"` or `\"Deny\"` (exactly so capitalized). \
Access is denied unless some statement allows it, and an explicit Deny overrides every Allow.",
    ),
    (
        "Principal",
        "Who the statement applies to: AWS accounts, IAM users and roles (`\"AWS\"`), AWS services (`\"Service\"`), \
federated identities (`\"Federated\"`) or `\"*\"` for anyone. Used in resource-based policies such as bucket, key \
and trust policies; identity policies must not have it, because they apply to whoever they are attached to.",
    ),
    (
        "NotPrincipal",
        "Applies the statement to everyone except the listed principals. Rarely what you want: with `\"Allow\"` it \
grants access to the whole world minus a few, and with `\"Deny\"` it is easy to lock out the service itself. \
Prefer `Principal` with a condition such as `aws:PrincipalArn`.",
    ),
    (
        "Action",
        "The API operations the statement covers, as `service:Operation` (for example `s3:GetObject`). Wildcards \
are allowed (`s3:Get*`, `*`); names are case-insensitive.",
    ),
    (
        "NotAction",
        "Covers every action except the listed ones. With `\"Allow\"` this grants far more than it seems, including \
actions added to AWS later; it is mostly useful with `\"Deny\"` to carve out exceptions.",
    ),
    (
        "Resource",
        "The resources the statement covers, as ARNs (for example `arn:aws:s3:::my-bucket/*`), with `*` and `?` \
wildcards. In a resource-based policy it usually names the resource the policy is attached to.",
    ),
    (
        "NotResource",
        "Covers every resource except the listed ones. With `\"Allow\"` it grants access to everything else, \
including resources created later; use it with care.",
    ),
    (
        "Condition",
        "Extra requirements for the statement to apply: `{ \"Operator\": { \"key\": value(s) } }`, for example \
`{ \"StringEquals\": { \"aws:PrincipalOrgID\": \"o-abc123\" } }`. All operators and keys must match; several values \
for one key match if any of them does.",
    ),
];

fn lookup(table: &[(&str, &'static str)], name: &str) -> Option<&'static str> {
    table.iter().find(|(n, _)| *n == name).map(|(_, d)| *d)
}

/// The hover at `offset`, if the cursor is on something we can explain.
pub fn hover(analysis: &Analysis, offset: usize) -> Option<HoverInfo> {
    if !analysis.is_policy {
        return None;
    }
    let root = analysis.parse.root.as_ref()?;
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
            let doc = lookup(TOP_LEVEL_DOCS, &member.key.text)?;
            Some(HoverInfo {
                range: member.key.range,
                markdown: format!("**{}**\n\n{doc}", member.key.text),
            })
        }
        Depth::Statement if on_key => {
            let doc = lookup(STATEMENT_DOCS, &member.key.text)?;
            Some(HoverInfo {
                range: member.key.range,
                markdown: format!("**{}** (statement element)\n\n{doc}", member.key.text),
            })
        }
        _ => None,
    }
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
        KindSource::Content => "from the content",
    };
    let version_doc = lookup(TOP_LEVEL_DOCS, "Version").unwrap_or_default();
    format!(
        "**{}** (`{}`)\n\nDetected {how}: {}.\n\n---\n\n**Version**\n\n{version_doc}",
        kind.kind.title(),
        kind.kind.name(),
        kind.reason
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;
    use crate::config::Config;
    use crate::ide::test_utils::extract_offset;

    fn check(file: &str, fixture: &str) -> Option<(String, String)> {
        let (text, offset) = extract_offset(fixture);
        let analysis = analyze(&text, Some(file), &Config::default());
        hover(&analysis, offset).map(|h| (text[h.range.as_range()].to_string(), h.markdown))
    }

    const POLICY: &str = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]}"#;

    fn at(marker_before: &str) -> String {
        let at = POLICY.find(marker_before).unwrap() + 1;
        format!("{}$0{}", &POLICY[..at], &POLICY[at..])
    }

    #[test]
    fn version_shows_kind_and_reason() {
        let (span, md) = check("x.kms.json", &at("\"Version")).unwrap();
        assert_eq!(span, "\"Version\"");
        assert!(md.contains("KMS key policy"), "{md}");
        assert!(md.contains("from the file name"), "{md}");
        assert!(md.contains(".kms.json"), "{md}");
        let (span, md) = check("p.json", &at("\"2012-10-17")).unwrap();
        assert_eq!(span, "\"2012-10-17\"");
        assert!(md.contains("identity"), "{md}");
    }

    #[test]
    fn statement_elements_are_explained() {
        for name in ["Sid", "Effect", "Action", "Resource", "Condition"] {
            let (span, md) = check("p.json", &at(&format!("\"{name}\""))).unwrap();
            assert_eq!(span, format!("\"{name}\""));
            assert!(md.starts_with(&format!("**{name}**")), "{md}");
        }
    }

    #[test]
    fn no_hover_inside_values_or_nested_keys() {
        assert_eq!(check("p.json", &at("\"s3:GetObject")), None);
        assert_eq!(check("p.json", &at("\"aws:SecureTransport")), None);
        assert_eq!(check("p.json", &at("\"Bool")), None);
    }

    #[test]
    fn no_hover_for_non_policies() {
        assert_eq!(
            check("package.json", "{\"name\": \"x\", \"$0Effect\": 1}"),
            None
        );
    }
}
