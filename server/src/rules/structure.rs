//! Structural rules that a JSON Schema cannot say well: Version semantics, required
//! and forbidden elements by document kind, Sid rules, empty elements, size quotas.

pub mod conflicting_elements;
pub mod duplicate_sid;
pub mod duplicate_statement;
pub mod empty_element;
pub mod empty_sid;
pub mod invalid_effect;
pub mod invalid_sid;
pub mod invalid_type;
pub mod invalid_version;
pub mod kind_name_mismatch;
pub mod missing_action;
pub mod missing_effect;
pub mod missing_principal;
pub mod missing_resource;
pub mod missing_statement;
pub mod missing_version;
pub mod old_version;
pub mod policy_size;
pub mod principal_not_allowed;
pub mod resource_not_allowed;
pub mod unknown_element;

use super::RuleCtx;
use crate::diagnostic::{Applicability, Diagnostic, Fix, Severity};
use crate::model::{self, DocKind, Statement};
use crate::syntax::{Node, TextRange, Value};

pub(crate) fn check(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(policy) = ctx.policy else { return };
    version(ctx, acc);
    name_mismatch(ctx, acc);
    if policy.statement.is_none() {
        acc.push(ctx.diag(&missing_statement::RULE, first_char(policy.root), "the policy has no \"Statement\": add \"Statement\": [ { \"Effect\": ..., \"Action\": ..., ... } ]".to_string()));
    }
    if let Some(v) = model::value(policy.statement) {
        if v.as_array().is_some_and(|a| a.items.is_empty()) {
            acc.push(ctx.diag(
                &empty_element::RULE,
                v.range,
                "\"Statement\" is an empty array: the policy grants and denies nothing".to_string(),
            ));
        }
    }
    for st in &policy.statements {
        statement(ctx, st, acc);
    }
    sids(ctx, acc);
    duplicate_statements(ctx, acc);
    size(ctx, acc);
}

/// The file name implied a resource-based kind, but the content reads as an identity
/// policy (see [`model::detect_kind`]): say which was chosen and how to settle it.
fn name_mismatch(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let (Some(policy), crate::model::KindSource::ContentOverName(named)) =
        (ctx.policy, ctx.kind.source)
    else {
        return;
    };
    let at = policy
        .statement
        .map_or_else(|| first_char(policy.root), |m| m.key.range);
    acc.push(ctx.diag(
        &kind_name_mismatch::RULE,
        at,
        format!(
            "the file name suggests {} but no statement has a \"Principal\", so this is checked as an IAM identity policy: if it is {}, add a \"Principal\" to every statement; if not, name the file *.iam.json or set its kind in policy-lsp.toml",
            named.title_with_article(),
            named.title_with_article(),
        ),
    ));
}

fn first_char(n: &Node) -> TextRange {
    TextRange::new(n.range.start as usize, n.range.start as usize + 1)
}

fn version(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(policy) = ctx.policy else { return };
    let Some(member) = policy.version else {
        let fix = insert_version_fix(ctx);
        let mut d = ctx.diag(&missing_version::RULE, first_char(policy.root), "the policy has no \"Version\": add \"Version\": \"2012-10-17\", or policy variables are read as plain text".to_string());
        d.fixes.extend(fix);
        acc.push(d);
        return;
    };
    let Some(v) = member.value.as_ref() else {
        return;
    };
    let Some(text) = v.as_str() else { return }; // wrong type: reported by the schema
    match text {
        "2012-10-17" => {}
        "2008-10-17" => {
            let mut d = ctx.diag(
                &old_version::RULE,
                v.range,
                "Version 2008-10-17 is the legacy policy language: use \"2012-10-17\"".to_string(),
            );
            // Changing the version turns literal `${...}` text into variables: unsafe.
            d.fixes.push(Fix::replace(
                "Use Version 2012-10-17",
                v.range,
                "\"2012-10-17\"",
                Applicability::Unsafe,
            ));
            acc.push(d);
        }
        _ => {
            let mut d = ctx.diag(&invalid_version::RULE, v.range, format!("Version must be \"2012-10-17\" (or the legacy \"2008-10-17\"), not \"{text}\": it names the policy-language version, not a date you choose"));
            d.fixes.push(Fix::replace(
                "Use Version 2012-10-17",
                v.range,
                "\"2012-10-17\"",
                Applicability::Safe,
            ));
            acc.push(d);
        }
    }
}

fn insert_version_fix(ctx: &RuleCtx<'_>) -> Option<Fix> {
    let policy = ctx.policy?;
    let obj = policy.root.as_object()?;
    let first = obj.members.first()?;
    let at = first.key.range.start as usize;
    let indent = indent_before(ctx.text, at);
    let sep = if indent.is_empty() {
        " ".to_string()
    } else {
        format!("\n{indent}")
    };
    Some(Fix::replace(
        "Add \"Version\": \"2012-10-17\"",
        TextRange::empty(at),
        format!("\"Version\": \"2012-10-17\",{sep}"),
        Applicability::Safe,
    ))
}

/// The white space between the start of the line and `at`, if only white space.
pub(crate) fn indent_before(text: &str, at: usize) -> &str {
    let line_start = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    let s = &text[line_start..at.min(text.len())];
    if s.chars().all(|c| c == ' ' || c == '\t') {
        s
    } else {
        ""
    }
}

fn statement(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    let kind = ctx.kind.kind;
    let at = first_char(st.node);
    let label = st.label();
    if st.effect.is_none() {
        acc.push(ctx.diag(
            &missing_effect::RULE,
            at,
            format!("{label} has no \"Effect\": add \"Effect\": \"Allow\" or \"Deny\""),
        ));
    } else if let Some(v) = model::value(st.effect) {
        if let Some(text) = v.as_str() {
            if text != "Allow" && text != "Deny" {
                let mut d = ctx.diag(
                    &invalid_effect::RULE,
                    v.range,
                    format!("Effect must be \"Allow\" or \"Deny\", not \"{text}\""),
                );
                match text.to_ascii_lowercase().as_str() {
                    "allow" => d.fixes.push(Fix::replace(
                        "Change to \"Allow\"",
                        v.range,
                        "\"Allow\"",
                        Applicability::Safe,
                    )),
                    "deny" => d.fixes.push(Fix::replace(
                        "Change to \"Deny\"",
                        v.range,
                        "\"Deny\"",
                        Applicability::Safe,
                    )),
                    _ => {}
                }
                acc.push(d);
            }
        }
    }
    for (a, b) in [
        (st.action, st.not_action),
        (st.resource, st.not_resource),
        (st.principal, st.not_principal),
    ] {
        if let (Some(a), Some(b)) = (a, b) {
            acc.push(ctx.diag(
                &conflicting_elements::RULE,
                b.key.range,
                format!(
                    "{label} has both \"{}\" and \"{}\": keep only one",
                    a.key.text, b.key.text
                ),
            ));
        }
    }
    if st.action.is_none() && st.not_action.is_none() {
        acc.push(ctx.diag(
            &missing_action::RULE,
            at,
            format!("{label} has neither \"Action\" nor \"NotAction\""),
        ));
    }
    let has_resource = st.resource.is_some() || st.not_resource.is_some();
    match kind {
        DocKind::Trust => {
            for m in [st.resource, st.not_resource].into_iter().flatten() {
                acc.push(ctx.diag(&resource_not_allowed::RULE, m.key.range, format!("a role trust policy cannot have \"{}\": the role it is attached to is the resource", m.key.text)));
            }
            if let Some(np) = st.not_principal {
                acc.push(ctx.diag(&principal_not_allowed::RULE, np.key.range, "a role trust policy cannot use \"NotPrincipal\": name the principals that may assume the role".to_string()));
            }
        }
        DocKind::Identity | DocKind::Scp => {
            for m in [st.principal, st.not_principal].into_iter().flatten() {
                let what = if kind == DocKind::Scp {
                    "an SCP"
                } else {
                    "an identity policy"
                };
                acc.push(ctx.diag(&principal_not_allowed::RULE, m.key.range, format!("{what} cannot have \"{}\": it applies to the identities it is attached to ({})", m.key.text, ctx.kind.reason)));
            }
        }
        _ => {}
    }
    if !has_resource
        && matches!(
            kind,
            DocKind::Identity | DocKind::Resource | DocKind::KmsKey | DocKind::S3Bucket
        )
    {
        acc.push(ctx.diag(
            &missing_resource::RULE,
            at,
            format!("{label} has neither \"Resource\" nor \"NotResource\""),
        ));
    }
    if kind.is_resource_policy() && st.principal.is_none() && st.not_principal.is_none() {
        acc.push(ctx.diag(
            &missing_principal::RULE,
            at,
            format!(
                "{label} has no \"Principal\": {} must say whom it applies to",
                ctx.kind.kind.title_with_article()
            ),
        ));
    }
    empties(ctx, st, acc);
}

fn empties(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
    for m in [
        st.action,
        st.not_action,
        st.resource,
        st.not_resource,
        st.principal,
        st.not_principal,
        st.condition,
    ]
    .into_iter()
    .flatten()
    {
        let Some(v) = &m.value else { continue };
        let empty = match &v.value {
            Value::Array(a) => a.items.is_empty(),
            Value::Object(o) => o.members.is_empty(),
            _ => false,
        };
        if empty {
            let what = if m.key.text == "Condition" {
                "has no effect"
            } else {
                "matches nothing"
            };
            acc.push(ctx.diag(
                &empty_element::RULE,
                v.range,
                format!("\"{}\" is empty: it {what}", m.key.text),
            ));
        }
        if m.key.text.ends_with("Principal") {
            if let Some(o) = v.as_object() {
                for pm in &o.members {
                    if let Some(pv) = &pm.value {
                        if pv.as_array().is_some_and(|a| a.items.is_empty()) {
                            acc.push(ctx.diag(
                                &empty_element::RULE,
                                pv.range,
                                format!("the \"{}\" principal list is empty", pm.key.text),
                            ));
                        }
                    }
                }
            }
        }
    }
    for c in st.conditions() {
        if let Some(v) = &c.key.value {
            if v.as_array().is_some_and(|a| a.items.is_empty()) {
                let op = c.operator.key.text.as_str();
                let effect = if op.starts_with("ForAnyValue:") {
                    "never matches"
                } else if op.starts_with("ForAllValues:") || op.ends_with("IfExists") {
                    "matches only when the key is absent"
                } else {
                    "never matches"
                };
                acc.push(ctx.diag(
                    &empty_element::RULE,
                    v.range,
                    format!(
                        "condition \"{}\" has no values: it {effect}",
                        c.key.key.text
                    ),
                ));
            }
        }
    }
    if let Some(v) = model::value(st.condition) {
        if let Some(o) = v.as_object() {
            for op in &o.members {
                if op
                    .value
                    .as_ref()
                    .and_then(Node::as_object)
                    .is_some_and(|x| x.members.is_empty())
                {
                    acc.push(ctx.diag(
                        &empty_element::RULE,
                        op.value.as_ref().map_or(op.key.range, |n| n.range),
                        format!(
                            "operator \"{}\" has no condition keys: it has no effect",
                            op.key.text
                        ),
                    ));
                }
            }
        }
    }
}

fn sids(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(policy) = ctx.policy else { return };
    let kind = ctx.kind.kind;
    let strict = matches!(kind, DocKind::Identity | DocKind::Trust | DocKind::Scp);
    // Sid → first use; all Sids, for picking a free name in the rename fix.
    let mut seen: std::collections::HashMap<&str, TextRange> = std::collections::HashMap::new();
    let all: std::collections::HashSet<&str> = policy
        .statements
        .iter()
        .filter_map(|s| model::value(s.sid).and_then(Node::as_str))
        .collect();
    for st in &policy.statements {
        let Some(v) = model::value(st.sid) else {
            continue;
        };
        let Some(sid) = v.as_str() else { continue };
        if sid.is_empty() {
            acc.push(ctx.diag(
                &empty_sid::RULE,
                v.range,
                "\"Sid\" is empty: remove it or name the statement".to_string(),
            ));
            continue;
        }
        if strict && !sid.chars().all(|c| c.is_ascii_alphanumeric()) {
            let cleaned: String = sid.chars().filter(char::is_ascii_alphanumeric).collect();
            let mut d = ctx.diag(
                &invalid_sid::RULE,
                v.range,
                format!(
                    "Sid \"{sid}\" may contain only letters A-Z, a-z and digits 0-9 in {}",
                    kind.title_with_article()
                ),
            );
            if !cleaned.is_empty() {
                d.fixes.push(Fix::replace(
                    format!("Change Sid to \"{cleaned}\""),
                    v.range,
                    format!("\"{cleaned}\""),
                    Applicability::Safe,
                ));
            }
            acc.push(d);
        }
        if let Some(first) = seen.get(sid) {
            let line = ctx.line_of(first.start as usize) + 1;
            let mut d = ctx.diag(
                &duplicate_sid::RULE,
                v.range,
                format!(
                    "Sid \"{sid}\" is already used on line {line}: give each statement its own Sid"
                ),
            );
            if !strict {
                d.severity = d.severity.max(Severity::Warning);
            }
            let mut n = 2;
            while all.contains(format!("{sid}{n}").as_str()) {
                n += 1;
            }
            d.fixes.push(Fix::replace(
                format!("Rename to \"{sid}{n}\""),
                v.range,
                format!("\"{sid}{n}\""),
                Applicability::Safe,
            ));
            acc.push(d);
        } else {
            seen.insert(sid, v.range);
        }
    }
}

/// Size quotas, counted without white space ("IAM and AWS STS quotas", IAM User Guide,
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html; "Quotas
/// for AWS Organizations", https://docs.aws.amazon.com/organizations/latest/userguide/orgs_reference_limits.html;
/// S3 bucket policies 20 KB, "Bucket policy examples" in the Amazon S3 User Guide; KMS key
/// policies 32 KB, "Key policies in AWS KMS" in the AWS KMS Developer Guide).
///
/// `warn` is the smallest quota of the kind and `error` the largest: above the largest
/// the policy cannot be created anywhere (error); between the two it depends on where
/// it is attached (warning). A kind with one quota has both equal.
fn size(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(policy) = ctx.policy else { return };
    let (warn, error, what) = match ctx.kind.kind {
        DocKind::Identity => (
            6144,
            10240,
            "identity policies: 2,048 for user inline policies, 5,120 for group inline policies, 6,144 for managed policies and 10,240 for role inline policies",
        ),
        DocKind::Trust => (
            2048,
            8192,
            "role trust policies: 2,048 by default, adjustable up to 8,192",
        ),
        DocKind::Scp => (5120, 5120, "SCPs: 5,120"),
        DocKind::S3Bucket => (20 * 1024, 20 * 1024, "S3 bucket policies: 20 KB"),
        DocKind::KmsKey => (32 * 1024, 32 * 1024, "KMS key policies: 32 KB"),
        // Each service sets its own quota; 20 KB is the common one.
        DocKind::Resource => (20 * 1024, usize::MAX, "most resource policies: 20 KB"),
    };
    let n = non_ws_len(ctx.text);
    if n <= warn {
        return;
    }
    let mut d = ctx.diag(
        &policy_size::RULE,
        first_char(policy.root),
        if n > error {
            format!("the policy has {n} characters without white space, more than any quota allows ({what}): AWS rejects it wherever it is attached; split it")
        } else {
            format!("the policy has {n} characters without white space, over the limit for some uses ({what})")
        },
    );
    if n > error {
        d.severity = Severity::Error;
    }
    acc.push(d);
}

/// Characters outside JSON strings that are not white space, plus all characters inside strings.
fn non_ws_len(text: &str) -> usize {
    let b = text.as_bytes();
    // Every character, less the white space outside strings. Strings are skipped to
    // their closing quote with memchr; a `\\` escapes the next character.
    let chars = b.iter().filter(|&&x| (x as i8) >= -0x40).count();
    let mut ws = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                loop {
                    let Some(k) = memchr::memchr2(b'"', b'\\', b.get(i..).unwrap_or_default())
                    else {
                        return chars - ws; // an unclosed string runs to the end
                    };
                    if b[i + k] == b'\\' {
                        i += k + 2;
                    } else {
                        i += k + 1;
                        break;
                    }
                }
            }
            b'\t'..=b'\r' | b' ' => {
                ws += 1;
                i += 1;
            }
            x if x < 0x80 => i += 1,
            _ => {
                let c = text[i..].chars().next().unwrap_or(' ');
                if c.is_whitespace() {
                    ws += 1;
                }
                i += c.len_utf8();
            }
        }
    }
    chars - ws
}

/// Statements equal (as JSON values) once their Sid is ignored.
fn duplicate_statements(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(policy) = ctx.policy else { return };
    // Statements are equal when their JSON values are (object keys in any order), Sid
    // aside. A structural hash finds the candidates without building values; only a
    // hash that was seen before is confirmed by comparing the values themselves.
    let mut seen: std::collections::HashMap<u64, Vec<usize>> = std::collections::HashMap::new();
    for (i, st) in policy.statements.iter().enumerate() {
        let earlier = seen.entry(value_hash(st.node, true)).or_default();
        let first = earlier
            .iter()
            .copied()
            .find(|&j| same_statement(policy.statements[j].node, st.node));
        match first {
            Some(j) => {
                let line = ctx.line_of(policy.statements[j].node.range.start as usize) + 1;
                acc.push(ctx.diag(
                    &duplicate_statement::RULE,
                    first_char(st.node),
                    format!(
                        "{} repeats the statement on line {line}: remove one of them",
                        st.label()
                    ),
                ));
            }
            None => earlier.push(i),
        }
    }
}

/// Whether two statements have the same JSON value apart from their Sid.
fn same_statement(a: &Node, b: &Node) -> bool {
    let value = |n: &Node| {
        let mut v = crate::syntax::to_json(n);
        if let Some(o) = v.as_object_mut() {
            o.remove("Sid");
        }
        v
    };
    value(a) == value(b)
}

/// A hash of `node`'s JSON value that is the same for equal values: object members
/// are combined independently of their order (`skip_sid`: without a top-level Sid).
fn value_hash(node: &Node, skip_sid: bool) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = stable_hasher();
    match &node.value {
        Value::Object(o) => {
            0u8.hash(&mut h);
            let mut sum = 0u64;
            for m in &o.members {
                if skip_sid && m.key.text == "Sid" {
                    continue;
                }
                let mut mh = stable_hasher();
                m.key.text.hash(&mut mh);
                // A missing value is null, as in `to_json`.
                m.value
                    .as_ref()
                    .map_or_else(null_hash, |v| value_hash(v, false))
                    .hash(&mut mh);
                sum = sum.wrapping_add(mh.finish());
            }
            sum.hash(&mut h);
        }
        Value::Array(a) => {
            1u8.hash(&mut h);
            for item in &a.items {
                value_hash(item, false).hash(&mut h);
            }
        }
        Value::String(s) => {
            2u8.hash(&mut h);
            s.text.hash(&mut h);
        }
        // As the JSON value compares them: 1.0 and 1e0 are one number.
        Value::Number(n) => {
            3u8.hash(&mut h);
            match n.parse::<serde_json::Number>() {
                Ok(num) => num.to_string().hash(&mut h),
                // `to_json` keeps an unreadable number as a string.
                Err(_) => {
                    h = stable_hasher();
                    2u8.hash(&mut h);
                    n.hash(&mut h);
                }
            }
        }
        Value::Bool(b) => {
            4u8.hash(&mut h);
            b.hash(&mut h);
        }
        Value::Null | Value::Error => return null_hash(),
    }
    h.finish()
}

#[cfg(test)]
mod tests {
    /// The definition, one character at a time.
    fn reference(text: &str) -> usize {
        let (mut n, mut in_str, mut esc) = (0, false, false);
        for c in text.chars() {
            if in_str {
                n += 1;
                if esc {
                    esc = false;
                } else if c == '\\' {
                    esc = true;
                } else if c == '"' {
                    in_str = false;
                }
            } else if c == '"' {
                in_str = true;
                n += 1;
            } else if !c.is_whitespace() {
                n += 1;
            }
        }
        n
    }

    #[test]
    fn size_counts_characters_without_white_space_outside_strings() {
        for text in [
            "",
            "{}",
            " { \"a b\" : [ 1 ,\t2 ]\r\n}\n",
            r#"{"k": "say \"hi\" \\", "x":1}"#,
            "{\"é ü\": \"\u{2028} ☃\", \u{a0}\u{3000}\"x\"\u{b}\u{c}}",
            "\"unclosed \\",
            "\"ends in backslash\\",
            "{\"\\é\": 1}",
            "x\u{1c}y",
        ] {
            assert_eq!(super::non_ws_len(text), reference(text), "{text:?}");
        }
    }
}

/// A fast hasher with a fixed seed (the hashes never leave the process).
fn stable_hasher() -> impl std::hash::Hasher {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0).build_hasher()
}

fn null_hash() -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = stable_hasher();
    5u8.hash(&mut h);
    h.finish()
}
