//! `empty-element`: An empty array or object where values are expected.

use crate::diagnostic::Diagnostic;
use crate::diagnostic::Severity;
use crate::model;
use crate::model::Statement;
use crate::rules::RuleCtx;
use crate::rules::{Category, Check, Rule};
use crate::syntax::{Node, Value};

pub static RULE: Rule = Rule {
    id: "empty-element",
    category: Category::Suspicious,
    severity: Severity::Warning,
    access_analyzer: &["EMPTY_ARRAY_ACTION", "EMPTY_ARRAY_RESOURCE", "EMPTY_ARRAY_PRINCIPAL", "EMPTY_OBJECT_PRINCIPAL", "EMPTY_OBJECT_CONDITION", "EMPTY_ARRAY_CONDITION", "EMPTY_ARRAY_CONDITION_FORALLVALUES", "EMPTY_ARRAY_CONDITION_FORANYVALUE", "EMPTY_ARRAY_CONDITION_IFEXISTS"],
    parliament: &[],
    summary: "An empty array or object where values are expected",
    docs: "An empty `Action`, `Resource` or `Principal` list makes the statement match nothing, and an empty `Condition` \
or empty value list either has no effect or never matches. Fill it in or remove it.",
    example_file: "a.iam.json",
    avoid: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [], "Resource": "*"}]}"#,
    prefer: r#"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "*"}]}"#,
    checks: &[Check::Document(check_document), Check::Statement(check)],
    notes_topics: &[],
    fix: None,
    build_fix: None,
    insert_statement: None,
};

/// `"Statement": []`.
pub(crate) fn check_document(ctx: &RuleCtx<'_>, acc: &mut Vec<Diagnostic>) {
    let Some(v) = ctx.policy.and_then(|p| model::value(p.statement)) else {
        return;
    };
    if v.as_array().is_some_and(|a| a.items.is_empty()) {
        acc.push(ctx.diag(
            &RULE,
            v.range,
            "\"Statement\" is an empty array: the policy grants and denies nothing".to_string(),
        ));
    }
}

/// Empty Action, Resource, Principal and Condition elements and their parts.
pub(crate) fn check(ctx: &RuleCtx<'_>, st: &Statement<'_>, acc: &mut Vec<Diagnostic>) {
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
                &RULE,
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
                                &RULE,
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
                    &RULE,
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
                        &RULE,
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

#[cfg(test)]
mod tests {
    use crate::rules::tests_util::{check_clean, check_hit};
    use expect_test::expect;

    #[test]
    fn hit() {
        check_hit(
            &super::RULE,
            expect![[r#"
                warning[empty-element]: "Action" is empty: it matches nothing
                 --> a.iam.json:1:71
                   |
                1 | {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": [], "Resource": "*"}]}
                   |                                                                       ^^

            "#]],
        );
    }

    #[test]
    fn near_miss() {
        check_clean(&super::RULE);
    }
}
