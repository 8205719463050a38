//! `data "aws_iam_policy_document"`: the JSON document the provider builds from the
//! block, each element with the host range of what implies it.

use super::tree::Node;
use super::values::{range, synth, Reader};
use super::{attributes, block_name, blocks, labels};
use crate::hosts::{HMember, HNode, HStr, HValue};
use crate::syntax::TextRange;

/// The provider's default `version`.
const DEFAULT_VERSION: &str = "2012-10-17";

/// The document of a data block (`block` is the whole block), or `None` when nothing of
/// it can be read (only dynamic statements or merged documents). Parts that cannot be
/// analysed go to `not_analysed`.
pub(super) fn document(
    r: &Reader<'_>,
    block: Node<'_>,
    body: Option<Node<'_>>,
    not_analysed: &mut Vec<(TextRange, String)>,
) -> Option<HNode> {
    let whole = range(block);
    let mut members = Vec::new();
    let mut statements = Vec::new();
    let mut unknown = false;
    if let Some(body) = body {
        for (name, key, v) in attributes(r, body) {
            match name {
                "version" => members.push(member("Version", key, r.value(v, 0))),
                "policy_id" => members.push(member("Id", key, r.value(v, 0))),
                "source_policy_documents"
                | "override_policy_documents"
                | "source_json"
                | "override_json" => {
                    let val = r.value(v, 0);
                    if !is_empty(&val) {
                        unknown = true;
                        not_analysed.push((
                            range(v),
                            format!(
                                "the statements of `{name}` are merged in when the plan is made; \
                                 each of those documents is checked where it is written"
                            ),
                        ));
                    }
                }
                _ => {}
            }
        }
        for b in blocks(body) {
            match block_name(r, b) {
                "statement" => statements.push(statement(r, b, not_analysed)),
                "dynamic" if dynamic_label(r, b) == Some("statement") => {
                    unknown = true;
                    not_analysed.push((
                        range(b),
                        "a `dynamic \"statement\"` block writes its statements when the plan is \
                         made"
                            .into(),
                    ));
                }
                _ => {}
            }
        }
    }
    if statements.is_empty() && unknown {
        return None;
    }
    if !members
        .iter()
        .any(|m: &HMember| m.key.as_literal() == Some("Version"))
    {
        let v = HNode::new(whole, HValue::Str(synth(DEFAULT_VERSION, whole)));
        members.insert(0, synthesized("Version", whole, v));
    }
    let first = statements.first().map_or(whole, |s| s.range);
    let list = statements.iter().fold(first, |a, s| a.cover(s.range));
    members.push(synthesized(
        "Statement",
        first,
        HNode::new(list, HValue::Array(statements)),
    ));
    Some(HNode::new(whole, HValue::Object(members)))
}

fn is_empty(v: &HNode) -> bool {
    match &v.value {
        HValue::Array(items) => items.is_empty(),
        HValue::Null => true,
        _ => false,
    }
}

/// The label of a `dynamic "x"` block.
fn dynamic_label<'a>(r: &'a Reader<'_>, b: Node<'_>) -> Option<&'a str> {
    labels(b).first().map(|l| r.label(*l))
}

/// A member written as an attribute: the JSON key spans the attribute's name.
fn member(json_key: &str, key: Node<'_>, value: HNode) -> HMember {
    HMember {
        key: synth(json_key, range(key)),
        key_range: range(key),
        value: Some(value),
    }
}

/// A member the host implies: the key spans `host`.
fn synthesized(json_key: &str, host: TextRange, value: HNode) -> HMember {
    HMember {
        key: synth(json_key, host),
        key_range: host,
        value: Some(value),
    }
}

fn statement(r: &Reader<'_>, st: Node<'_>, not_analysed: &mut Vec<(TextRange, String)>) -> HNode {
    let whole = range(st);
    let mut members = Vec::new();
    let Some(body) = super::body(st) else {
        return HNode::new(whole, HValue::Object(members));
    };
    for (name, key, v) in attributes(r, body) {
        let json = match name {
            "sid" => "Sid",
            "effect" => "Effect",
            "actions" => "Action",
            "not_actions" => "NotAction",
            "resources" => "Resource",
            "not_resources" => "NotResource",
            _ => continue,
        };
        let value = r.value(v, 0);
        if is_empty(&value) {
            // The provider leaves empty lists out.
            continue;
        }
        members.push(member(json, key, value));
    }
    if !members.iter().any(|m| m.key.as_literal() == Some("Effect")) {
        let v = HNode::new(whole, HValue::Str(synth("Allow", whole)));
        members.insert(0, synthesized("Effect", whole, v));
    }
    let inner = blocks(body);
    for (kind, json) in [
        ("principals", "Principal"),
        ("not_principals", "NotPrincipal"),
    ] {
        let of_kind: Vec<Node<'_>> = inner
            .iter()
            .copied()
            .filter(|b| block_name(r, *b) == kind)
            .collect();
        let dynamic = inner
            .iter()
            .copied()
            .find(|b| block_name(r, *b) == "dynamic" && dynamic_label(r, *b) == Some(kind));
        if let Some(p) = principals(r, &of_kind) {
            members.push(synthesized(json, p.range, p));
        } else if let Some(d) = dynamic {
            // The key is known, its value is not: one `not analysed` value (the
            // rendering reports it), so a trust statement does not look principal-less.
            let why =
                format!("a `dynamic \"{kind}\"` block writes the principals when the plan is made");
            let v = HNode::new(range(d), HValue::Opaque(why));
            members.push(synthesized(json, range(d), v));
            continue;
        }
        if let (Some(d), false) = (dynamic, of_kind.is_empty()) {
            not_analysed.push((
                range(d),
                format!("a `dynamic \"{kind}\"` block adds principals when the plan is made"),
            ));
        }
    }
    let conditions: Vec<Node<'_>> = inner
        .iter()
        .copied()
        .filter(|b| block_name(r, *b) == "condition")
        .collect();
    if let Some(c) = conditions_of(r, &conditions) {
        members.push(synthesized("Condition", c.range, c));
    }
    for d in inner
        .iter()
        .filter(|b| block_name(r, **b) == "dynamic" && dynamic_label(r, **b) == Some("condition"))
    {
        not_analysed.push((
            range(*d),
            "a `dynamic \"condition\"` block adds conditions when the plan is made".into(),
        ));
    }
    for m in &mut members {
        let deep = match m.key.as_literal() {
            Some("Action" | "NotAction" | "Resource" | "NotResource") => 0,
            Some("Principal" | "NotPrincipal") => 1,
            Some("Condition") => 2,
            _ => continue,
        };
        if let Some(v) = m.value.take() {
            m.value = Some(single_items(v, deep));
        }
    }
    members.sort_by_key(|m| m.key_range.start);
    HNode::new(whole, HValue::Object(members))
}

/// The provider writes a one-item list as the item (`"Action": "s3:GetObject"`), in
/// the statement's lists (`deep` 0), the principal types' identifiers (1) and the
/// condition values (2); the document's size depends on it.
fn single_items(v: HNode, deep: usize) -> HNode {
    match v.value {
        HValue::Array(mut items) if deep == 0 && items.len() == 1 => items.remove(0),
        HValue::Object(members) if deep > 0 => HNode::new(
            v.range,
            HValue::Object(
                members
                    .into_iter()
                    .map(|mut m| {
                        m.value = m.value.map(|x| single_items(x, deep - 1));
                        m
                    })
                    .collect(),
            ),
        ),
        value => HNode { value, ..v },
    }
}

/// The attributes of a nested block by name.
fn attrs<'t>(r: &Reader<'_>, b: Node<'t>) -> Vec<(String, Node<'t>, Node<'t>)> {
    super::body(b)
        .map(|body| {
            attributes(r, body)
                .into_iter()
                .map(|(n, k, v)| (n.to_string(), k, v))
                .collect()
        })
        .unwrap_or_default()
}

fn get<'t>(list: &[(String, Node<'t>, Node<'t>)], name: &str) -> Option<Node<'t>> {
    list.iter().rev().find(|(n, _, _)| n == name).map(|x| x.2)
}

/// Items of a list value (a single non-list value is one item).
fn items(v: HNode) -> Vec<HNode> {
    match v.value {
        HValue::Array(items) => items,
        _ => vec![v],
    }
}

/// A string key from a value (`type`, `test`, `variable`).
fn key_of(v: &HNode, r: &Reader<'_>, n: Node<'_>) -> HStr {
    match &v.value {
        HValue::Str(s) => s.clone(),
        _ => super::values::hole_str(r.src(n), range(n)),
    }
}

/// Adds `items` to the member keyed `key` (merging same keys), else a new member.
fn merge(members: &mut Vec<HMember>, key: HStr, key_range: TextRange, list: HNode) {
    let literal = key.as_literal().map(str::to_string);
    let existing = literal.as_deref().and_then(|k| {
        members
            .iter_mut()
            .find(|m| m.key.as_literal() == Some(k))
            .and_then(|m| m.value.as_mut())
    });
    match existing {
        Some(HNode {
            range: er,
            value: HValue::Array(old),
        }) => {
            *er = er.cover(list.range);
            old.extend(items(list));
        }
        _ => members.push(HMember {
            key,
            key_range,
            value: Some(list),
        }),
    }
}

/// `principals { type identifiers }` blocks: `{TYPE: [ids]}`, same types merged; a
/// lone `*` type with `*` identifiers is `"*"`.
fn principals(r: &Reader<'_>, bs: &[Node<'_>]) -> Option<HNode> {
    let first = range(*bs.first()?);
    let whole = bs.iter().fold(first, |a, b| a.cover(range(*b)));
    let mut members = Vec::new();
    for b in bs {
        let a = attrs(r, *b);
        let (Some(t), Some(ids)) = (get(&a, "type"), get(&a, "identifiers")) else {
            continue;
        };
        let tv = r.value(t, 0);
        let key = key_of(&tv, r, t);
        let list = r.value(ids, 0);
        let list = match list.value {
            HValue::Array(_) => list,
            _ => HNode::new(list.range, HValue::Array(vec![list])),
        };
        merge(&mut members, key, range(t), list);
    }
    if let [m] = members.as_slice() {
        if let (
            Some("*"),
            Some(HNode {
                value: HValue::Array(ids),
                ..
            }),
        ) = (m.key.as_literal(), m.value.as_ref())
        {
            if !ids.is_empty() && ids.iter().all(|i| i.as_literal() == Some("*")) {
                return ids.first().cloned();
            }
        }
    }
    Some(HNode::new(whole, HValue::Object(members)))
}

/// `condition { test variable values }` blocks: `{TEST: {VARIABLE: [values]}}`.
fn conditions_of(r: &Reader<'_>, bs: &[Node<'_>]) -> Option<HNode> {
    let first = range(*bs.first()?);
    let whole = bs.iter().fold(first, |a, b| a.cover(range(*b)));
    let mut tests: Vec<HMember> = Vec::new();
    for b in bs {
        let a = attrs(r, *b);
        let (Some(t), Some(var), Some(vals)) =
            (get(&a, "test"), get(&a, "variable"), get(&a, "values"))
        else {
            continue;
        };
        let test = key_of(&r.value(t, 0), r, t);
        let variable = key_of(&r.value(var, 0), r, var);
        let list = r.value(vals, 0);
        let list = match list.value {
            HValue::Array(_) => list,
            _ => HNode::new(list.range, HValue::Array(vec![list])),
        };
        let block = range(*b);
        let lit = test.as_literal().map(str::to_string);
        let slot = lit.as_deref().and_then(|k| {
            tests
                .iter_mut()
                .find(|m| m.key.as_literal() == Some(k))
                .and_then(|m| m.value.as_mut())
        });
        match slot {
            Some(HNode {
                range: tr,
                value: HValue::Object(vars),
            }) => {
                *tr = tr.cover(block);
                merge(vars, variable, range(var), list);
            }
            _ => {
                let mut vars = Vec::new();
                merge(&mut vars, variable, range(var), list);
                tests.push(HMember {
                    key: test,
                    key_range: range(t),
                    value: Some(HNode::new(block, HValue::Object(vars))),
                });
            }
        }
    }
    Some(HNode::new(whole, HValue::Object(tests)))
}
