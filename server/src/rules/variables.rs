//! Policy variables (`${aws:username}`): syntax, known names, the elements where IAM
//! expands them, and the Version they need.

group! {
    invalid_policy_variable,
    variable_not_allowed,
    variables_need_version,
}

use super::RuleCtx;
use crate::diagnostic::Diagnostic;
use crate::model::{self};
use crate::syntax::{Node, Value};

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
                let vars = invalid_policy_variable::check(ctx, s, text, acc);
                if vars.is_empty() {
                    continue;
                }
                match element {
                    // Condition values with non-string operators are checked with the conditions.
                    "Resource" | "NotResource" | "Condition" => {
                        variables_need_version::check(ctx, policy, version_ok, &vars, acc)
                    }
                    _ => variable_not_allowed::check(ctx, element, &vars, acc),
                }
            }
        }
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
