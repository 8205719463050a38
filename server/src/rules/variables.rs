//! Policy variables (`${aws:username}`): syntax, known names, the elements where IAM
//! expands them, and the Version they need.

pub mod invalid_policy_variable;
pub mod variable_not_allowed;
pub mod variables_need_version;

use super::RuleCtx;
use crate::diagnostic::Diagnostic;
use crate::model::{self, Policy};
use crate::syntax::{Node, TextRange, Value};

pub(crate) fn check(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(policy) = ctx.policy else { return };
    let version_ok = model::value(policy.version).and_then(Node::as_str) == Some("2012-10-17");
    for st in &policy.statements {
        let Some(obj) = st.node.as_object() else {
            continue;
        };
        for m in &obj.members {
            let Some(v) = &m.value else { continue };
            let element = m.key.text.as_str();
            let mut strings = Vec::new();
            collect_strings(v, &mut strings);
            for s in strings {
                let Some(text) = s.as_str() else { continue };
                if !text.contains("${") {
                    continue;
                }
                let vars = scan(ctx, s, text, acc);
                if vars.is_empty() {
                    continue;
                }
                match element {
                    "Resource" | "NotResource" | "Condition" => {
                        // Condition values with non-string operators are checked with the conditions.
                        if !version_ok {
                            for r in &vars {
                                acc.push(ctx.diag(
                                    &variables_need_version::RULE,
                                    *r,
                                    version_message(policy),
                                ));
                            }
                        }
                    }
                    _ => {
                        for r in &vars {
                            acc.push(ctx.diag(&variable_not_allowed::RULE, *r, format!("policy variables are not expanded in \"{element}\": the text is matched literally (they work in Resource and in Condition values)")));
                        }
                    }
                }
            }
        }
    }
}

fn version_message(policy: &Policy<'_>) -> String {
    match model::value(policy.version).and_then(Node::as_str) {
        Some(v) => format!("policy variables need \"Version\": \"2012-10-17\"; under \"{v}\" this is matched as literal text"),
        None => "policy variables need \"Version\": \"2012-10-17\"; without a Version this is matched as literal text".to_string(),
    }
}

/// String values below `n` (condition values, resource lists), not keys.
fn collect_strings<'a>(n: &'a Node, acc: &mut Vec<&'a Node>) {
    match &n.value {
        Value::String(_) => acc.push(n),
        Value::Array(a) => a.items.iter().for_each(|it| collect_strings(it, acc)),
        Value::Object(o) => o
            .members
            .iter()
            .filter_map(|m| m.value.as_ref())
            .for_each(|v| collect_strings(v, acc)),
        _ => {}
    }
}

/// Finds `${…}` in one string node; reports malformed and unknown ones; returns the
/// ranges of the well-formed variables. Ranges are exact when the string has no escapes.
fn scan(ctx: &RuleCtx<'_>, node: &Node, text: &str, acc: &mut Vec<Diagnostic>) -> Vec<TextRange> {
    let raw = ctx.text.get(node.inner_range().as_range()).unwrap_or("");
    let exact = raw == text;
    let at = |from: usize, to: usize| {
        if exact {
            TextRange::new(
                node.inner_range().start as usize + from,
                node.inner_range().start as usize + to,
            )
        } else {
            node.range
        }
    };
    let mut res = Vec::new();
    let mut i = 0;
    while let Some(off) = text[i..].find("${") {
        let start = i + off;
        let Some(close) = text[start..].find('}') else {
            acc.push(ctx.diag(
                &invalid_policy_variable::RULE,
                at(start, text.len()),
                "\"${\" without a closing \"}\"".to_string(),
            ));
            break;
        };
        let end = start + close + 1;
        let inner = &text[start + 2..end - 1];
        i = end;
        let range = at(start, end);
        if inner.trim().is_empty() {
            acc.push(ctx.diag(
                &invalid_policy_variable::RULE,
                range,
                "empty policy variable \"${}\"".to_string(),
            ));
            continue;
        }
        let (name, default) = match inner.split_once(',') {
            Some((n, d)) => (n, Some(d.trim())),
            None => (inner, None),
        };
        if name.contains(char::is_whitespace) {
            acc.push(ctx.diag(
                &invalid_policy_variable::RULE,
                range,
                format!("spaces are not allowed in the variable name \"{name}\""),
            ));
            continue;
        }
        if let Some(d) = default {
            if !(d.len() >= 2 && d.starts_with('\'') && d.ends_with('\'')) {
                acc.push(ctx.diag(
                    &invalid_policy_variable::RULE,
                    range,
                    format!(
                        "the default value {d} must be in single quotes: ${{{name}, '{}'}}",
                        d.trim_matches(['\'', '"'])
                    ),
                ));
                continue;
            }
        }
        if let Some(bad) = name.chars().find(|c| {
            !(c.is_ascii_alphanumeric()
                || matches!(c, ':' | '/' | '_' | '-' | '.' | '@' | '*' | '?' | '$'))
        }) {
            acc.push(ctx.diag(
                &invalid_policy_variable::RULE,
                range,
                format!("\"{bad}\" is not allowed in a policy variable name"),
            ));
            continue;
        }
        let known = ctx.catalog.policy_variable(name).is_some()
            || ctx
                .catalog
                .condition_key(name)
                .is_some_and(|k| !k.multi_valued)
            || ctx.config.is_extra_key(name);
        let provider_key = name
            .split_once(':')
            .is_some_and(|(p, _)| p.contains('.') || p == "saml");
        if !known && !provider_key {
            let mut d = ctx.diag(&invalid_policy_variable::RULE, range, format!("unknown policy variable \"${{{name}}}\": no request carries it, so it matches nothing"));
            if let Some(s) = ctx.catalog.suggest_condition_key(name) {
                d.message =
                    format!("unknown policy variable \"${{{name}}}\": did you mean \"${{{s}}}\"?");
            }
            acc.push(d);
            continue;
        }
        res.push(range);
    }
    res
}
