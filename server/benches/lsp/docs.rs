//! The documents measured: generated policies of a given size or statement count.

use serde_json::{json, Value};

pub(crate) fn statement(i: usize, principal: bool) -> String {
    let p = if principal {
        format!(
            "\"Principal\": {{\"AWS\": \"arn:aws:iam::1234567890{:02}:root\"}},\n      ",
            i % 100
        )
    } else {
        String::new()
    };
    let res = if principal {
        format!("[\"arn:aws:s3:::example-bucket-{i}\", \"arn:aws:s3:::example-bucket-{i}/*\"]")
    } else {
        format!("\"arn:aws:s3:::example-bucket-{i}/*\"")
    };
    format!(
        "    {{\n      \"Sid\": \"Stmt{i}\",\n      \"Effect\": \"Allow\",\n      {p}\"Action\": [\"s3:GetObject\", \"s3:PutObject\", \"s3:ListBucket\"],\n      \"Resource\": {res},\n      \"Condition\": {{\n        \"StringEquals\": {{\"aws:PrincipalTag/team\": \"team-{i}\"}},\n        \"Bool\": {{\"aws:SecureTransport\": \"true\"}}\n      }}\n    }}"
    )
}

/// A policy of `n` statements.
pub(crate) fn policy_n(n: usize, principal: bool) -> String {
    let body: Vec<String> = (0..n).map(|i| statement(i, principal)).collect();
    format!(
        "{{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n{}\n  ]\n}}\n",
        body.join(",\n")
    )
}

/// A policy of about `bytes` bytes (at least one statement).
pub(crate) fn policy_bytes(bytes: usize, principal: bool) -> String {
    let one = statement(0, principal).len() + 2;
    policy_n((bytes / one).max(1), principal)
}

pub(crate) struct Doc {
    pub(crate) name: &'static str,
    pub(crate) file: &'static str,
    pub(crate) schema: &'static str,
    pub(crate) text: String,
}

pub(crate) fn docs() -> Vec<Doc> {
    vec![
        Doc {
            name: "2 KB identity policy",
            file: "identity.json",
            schema: "identity-policy.schema.json",
            text: policy_bytes(2 << 10, false),
        },
        Doc {
            name: "20 KB bucket policy",
            file: "bucket-policy.json",
            schema: "s3-bucket-policy.schema.json",
            text: policy_bytes(20 << 10, true),
        },
        Doc {
            name: "1 MB generated policy",
            file: "generated.json",
            schema: "identity-policy.schema.json",
            text: policy_bytes(1 << 20, false),
        },
    ]
}

/// (line, character) of the first `needle` in `text`, plus `delta` characters (ASCII).
pub(crate) fn pos_of(text: &str, needle: &str, delta: usize) -> Value {
    let i = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in document"))
        + delta;
    let line = text[..i].matches('\n').count();
    let col = i - text[..i].rfind('\n').map_or(0, |n| n + 1);
    json!({"line": line, "character": col})
}
