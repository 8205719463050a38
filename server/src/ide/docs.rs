//! The documentation of policy elements and condition operators, in Markdown: one
//! owner for hover and completion.

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

/// The documentation of `name` in one of the tables above.
pub fn element_doc_in(table: &[(&str, &'static str)], name: &str) -> Option<&'static str> {
    table.iter().find(|(n, _)| *n == name).map(|(_, d)| *d)
}

/// The documentation of a top-level or statement element.
pub fn element_doc(name: &str) -> Option<&'static str> {
    element_doc_in(TOP_LEVEL_DOCS, name).or_else(|| element_doc_in(STATEMENT_DOCS, name))
}

/// What a condition operator does, in Markdown.
pub fn operator_doc(op: &str) -> Option<String> {
    use crate::rules::conditions::{parse_operator, Family, SetPrefix};
    let o = parse_operator(op)?;
    let what = match o.base {
        "StringEquals" => "the key's value equals one of the values (case-sensitive, no wildcards)",
        "StringNotEquals" => "the key's value equals none of the values (case-sensitive)",
        "StringEqualsIgnoreCase" => "the value equals one of the values, ignoring case",
        "StringNotEqualsIgnoreCase" => "the value equals none of the values, ignoring case",
        "StringLike" => {
            "the value matches one of the patterns (`*` any run of characters, `?` one character)"
        }
        "StringNotLike" => "the value matches none of the patterns (`*`, `?` wildcards)",
        "NumericEquals" => "the number equals one of the values",
        "NumericNotEquals" => "the number equals none of the values",
        "NumericLessThan" => "the number is less than the value",
        "NumericLessThanEquals" => "the number is less than or equal to the value",
        "NumericGreaterThan" => "the number is greater than the value",
        "NumericGreaterThanEquals" => "the number is greater than or equal to the value",
        "DateEquals" => "the date equals the value (ISO 8601 or epoch seconds)",
        "DateNotEquals" => "the date differs from the value",
        "DateLessThan" => "the date is before the value",
        "DateLessThanEquals" => "the date is before or at the value",
        "DateGreaterThan" => "the date is after the value",
        "DateGreaterThanEquals" => "the date is at or after the value",
        "Bool" => "the boolean key has the value `\"true\"` or `\"false\"`",
        "BinaryEquals" => "the binary value equals the base64-encoded value",
        "IpAddress" => "the IP address lies in one of the CIDR ranges",
        "NotIpAddress" => "the IP address lies in none of the CIDR ranges",
        "ArnEquals" | "ArnLike" => {
            "the ARN matches one of the ARN patterns (`*`, `?` per ARN field)"
        }
        "ArnNotEquals" | "ArnNotLike" => "the ARN matches none of the ARN patterns",
        "Null" => "`\"true\"`: the key is absent from the request; `\"false\"`: the key is present",
        _ => return None,
    };
    let ty = match o.family {
        Family::String => "String",
        Family::Numeric => "Numeric",
        Family::Date => "Date",
        Family::Bool => "Bool",
        Family::Binary => "Binary",
        Family::Ip => "IPAddress",
        Family::Arn => "ARN",
        Family::Null => "any key",
    };
    let mut md = format!("**{op}** (condition operator)\n\nTrue when {what}. Values: {ty}.");
    if o.if_exists {
        md.push_str("\n\n`IfExists`: also true when the key is absent from the request.");
    }
    match o.set {
        SetPrefix::ForAllValues => md.push_str("\n\n`ForAllValues:` every value of the multi-valued key must match one of the listed values; also true when the key is absent or empty."),
        SetPrefix::ForAnyValue => md.push_str("\n\n`ForAnyValue:` at least one value of the multi-valued key must match; false when the key is absent."),
        SetPrefix::None => {}
    }
    Some(md)
}
