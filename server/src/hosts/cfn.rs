//! CloudFormation and SAM templates: where the policies are, and intrinsic functions
//! as holes. Works on the host tree of either language (the YAML front end writes short
//! tags such as `!Sub` in their long `Fn::Sub` form).

use super::map::OffsetMap;
use super::{
    json_in_string, Embedded, HMember, HNode, HStr, HValue, Hole, HoleKind, HostParse, Piece,
};
use crate::model::DocKind;
use crate::syntax::TextRange;

/// The policy-bearing properties: `Type path kind [if Prop=Value]` lines.
const PROPERTIES: &str = include_str!("../../data/cfn-policy-properties.txt");

fn property_paths() -> &'static [super::PolicyPlace] {
    static PATHS: std::sync::OnceLock<Vec<super::PolicyPlace>> = std::sync::OnceLock::new();
    PATHS.get_or_init(|| super::policy_places(PROPERTIES))
}

/// Finds the policies of a template. Each policy is moved out of the tree, not copied:
/// in a big template nearly all of the tree is policies.
pub fn policies(mut root: HNode) -> HostParse {
    let mut out = HostParse::default();
    let types = resource_types(&root);
    let cx = Cx { types: &types };
    let Some(HValue::Object(resources)) = root.get_value_mut("Resources").map(|r| &mut r.value)
    else {
        return out;
    };
    for res in resources.iter_mut() {
        let (Some(name), Some(body)) = (res.key.as_literal(), res.value.as_mut()) else {
            continue;
        };
        let Some(ty) = body.get_value("Type").and_then(HNode::as_literal) else {
            continue;
        };
        let ty = ty.to_string();
        let Some(props) = body.get_value_mut("Properties") else {
            continue;
        };
        for pp in property_paths().iter().filter(|p| p.resource_type == ty) {
            if let Some((prop, want)) = pp.only_if {
                if props.get_value(prop).and_then(HNode::as_literal) != Some(want) {
                    continue;
                }
            }
            let mut found = Vec::new();
            find(props, &pp.path, &mut found);
            for m in found {
                let label = format!("Resources.{name}.{}", m.key.display());
                collect(&cx, m, pp.kind, &label, &ty, &mut out);
            }
        }
    }
    out
}

/// The members at `path` under `node` (`*` walks every list item).
fn find<'a>(node: &'a mut HNode, path: &[&str], out: &mut Vec<&'a mut HMember>) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    if *first == "*" {
        if let HValue::Array(items) = &mut node.value {
            for i in items {
                find(i, rest, out);
            }
        }
        return;
    }
    let Some(m) = node.get_mut(first) else { return };
    if rest.is_empty() {
        out.push(m);
    } else if let Some(v) = &mut m.value {
        find(v, rest, out);
    }
}

/// One policy-bearing property: a document, a JSON string, a list of documents (SAM
/// `Policies`), or something that cannot be analysed. Its value is taken out of the
/// tree (a second table line naming the same property finds nothing more).
fn collect(
    cx: &Cx<'_>,
    m: &mut HMember,
    kind: DocKind,
    label: &str,
    ty: &str,
    out: &mut HostParse,
) {
    let Some(v) = m.value.take() else { return };
    let sam = ty.starts_with("AWS::Serverless::");
    let at = (kind, ty, m.key_range);
    match v.value {
        HValue::Object(_) if is_intrinsic(&v).is_none() => push(cx, v, at, label, out),
        HValue::Array(items) if sam => {
            // SAM: managed policy names and policy templates are not documents.
            for (i, item) in items.into_iter().enumerate() {
                if item.get("Statement").is_some() {
                    push(cx, item, at, &format!("{label}[{i}]"), out);
                }
            }
        }
        HValue::Str(_) if sam => {}
        HValue::Str(s) => {
            let (root, errors) = json_in_string(&s);
            out.errors.extend(errors);
            if let Some(root) = root {
                push(cx, root, at, label, out);
            }
        }
        _ => {
            let (range, why) = (v.range, not_analysed(&v));
            let resolved = resolve(cx, v);
            match &resolved.value {
                HValue::Str(s) if s.pieces.iter().any(|p| matches!(p, Piece::Text { .. })) => {
                    // `!Sub` of a JSON text.
                    let (root, errors) = json_in_string(s);
                    out.errors.extend(errors);
                    match root {
                        Some(root) => push(cx, root, at, label, out),
                        None => out.not_analysed.push((range, why)),
                    }
                }
                HValue::Choice(_) | HValue::Object(_) => {
                    out.policies.push(Embedded {
                        root: resolved,
                        kind: Some(kind),
                        name: label.to_string(),
                        anchor: at.2,
                        implied_resource: super::resource_is_implied(ty),
                    });
                }
                _ => out.not_analysed.push((range, why)),
            }
        }
    }
}

fn not_analysed(v: &HNode) -> String {
    match is_intrinsic(v) {
        Some(f) => {
            format!("the policy is the result of {f}, known only when the stack is deployed")
        }
        None => "the policy is not a document that can be read here".to_string(),
    }
}

/// `at`: the kind, the resource type and the property's key.
fn push(cx: &Cx<'_>, doc: HNode, at: (DocKind, &str, TextRange), label: &str, out: &mut HostParse) {
    out.policies.push(Embedded {
        root: resolve(cx, doc),
        kind: Some(at.0),
        name: label.to_string(),
        anchor: at.2,
        implied_resource: super::resource_is_implied(at.1),
    });
}

struct Cx<'a> {
    /// Logical id → resource type.
    types: &'a [(String, String)],
}

impl Cx<'_> {
    fn type_of(&self, id: &str) -> Option<&str> {
        self.types
            .iter()
            .find(|(n, _)| n == id)
            .map(|(_, t)| t.as_str())
    }
}

fn resource_types(root: &HNode) -> Vec<(String, String)> {
    let Some(res) = root.get_value("Resources").and_then(HNode::as_object) else {
        return Vec::new();
    };
    res.iter()
        .filter_map(|m| {
            let ty = m.value.as_ref()?.get_value("Type")?.as_literal()?;
            Some((m.key.as_literal()?.to_string(), ty.to_string()))
        })
        .collect()
}

/// The intrinsic function an object stands for (`Ref`, `Fn::Sub`, ..., `Condition`).
fn is_intrinsic(n: &HNode) -> Option<&str> {
    let [m] = n.as_object()? else { return None };
    let k = m.key.as_literal()?;
    (k == "Ref" || k.starts_with("Fn::") || k == "Condition").then_some(k)
}

/// Replaces the intrinsic functions under `n` by holes and choices.
fn resolve(cx: &Cx<'_>, n: HNode) -> HNode {
    if let Some(f) = is_intrinsic(&n) {
        return intrinsic(cx, &n, f);
    }
    let value = match n.value {
        HValue::Object(ms) => HValue::Object(
            ms.into_iter()
                .map(|m| HMember {
                    value: m.value.map(|v| resolve(cx, v)),
                    ..m
                })
                .collect(),
        ),
        HValue::Array(items) => HValue::Array(items.into_iter().map(|i| resolve(cx, i)).collect()),
        other => other,
    };
    HNode::new(n.range, value)
}

fn intrinsic(cx: &Cx<'_>, n: &HNode, f: &str) -> HNode {
    let arg = n
        .as_object()
        .and_then(|m| m.first())
        .and_then(|m| m.value.as_ref());
    let hole = |name: String, kind: HoleKind| {
        HNode::new(
            n.range,
            HValue::Str(HStr {
                pieces: vec![Piece::Hole(Hole {
                    range: n.range,
                    name,
                    kind,
                })],
                quote: super::Quote::Plain,
            }),
        )
    };
    match (f, arg) {
        ("Ref", Some(a)) => match a.as_literal() {
            Some("AWS::NoValue") => HNode::new(n.range, HValue::Absent),
            Some(name) => hole(name.to_string(), ref_kind(cx, name)),
            None => hole("Ref".into(), HoleKind::Value),
        },
        ("Fn::GetAtt", Some(a)) => {
            let (id, attr) = match &a.value {
                HValue::Array(parts) => (
                    parts.first().and_then(HNode::as_literal).unwrap_or(""),
                    parts.get(1).and_then(HNode::as_literal).unwrap_or(""),
                ),
                _ => a
                    .as_literal()
                    .and_then(|s| s.split_once('.'))
                    .unwrap_or(("", "")),
            };
            let kind = match cx.type_of(id) {
                Some(ty) if attr == "Arn" || attr.ends_with(".Arn") => {
                    HoleKind::Arn(ty.to_string())
                }
                _ => HoleKind::Value,
            };
            hole(format!("{id}.{attr}"), kind)
        }
        ("Fn::Sub", Some(a)) => {
            let template = match &a.value {
                HValue::Array(parts) => parts.first(),
                _ => Some(a),
            };
            match template.map(|t| &t.value) {
                Some(HValue::Str(s)) => HNode::new(n.range, HValue::Str(sub(cx, s))),
                _ => hole("Fn::Sub".into(), HoleKind::Value),
            }
        }
        ("Fn::Join", Some(a)) => {
            join(cx, n, a).unwrap_or_else(|| hole("Fn::Join".into(), HoleKind::Value))
        }
        ("Fn::If", Some(a)) => match &a.value {
            HValue::Array(parts) if parts.len() == 3 => HNode::new(
                n.range,
                HValue::Choice(parts[1..].iter().map(|p| resolve(cx, p.clone())).collect()),
            ),
            _ => hole("Fn::If".into(), HoleKind::Value),
        },
        (f, _) => hole(f.to_string(), HoleKind::Value),
    }
}

/// The kind of a pseudo parameter.
/// What `Ref name` (or `${name}` in `Fn::Sub`) is: a pseudo parameter, the ARN of a
/// resource whose `Ref` is its ARN (an SNS topic), or a value.
fn ref_kind(cx: &Cx<'_>, name: &str) -> HoleKind {
    pseudo(name).unwrap_or_else(|| match cx.type_of(name) {
        Some(t) if super::arns::ref_is_arn(t) => HoleKind::Arn(t.to_string()),
        _ => HoleKind::Value,
    })
}

fn pseudo(name: &str) -> Option<HoleKind> {
    Some(match name {
        "AWS::AccountId" => HoleKind::AccountId,
        "AWS::Region" => HoleKind::Region,
        "AWS::Partition" => HoleKind::Partition,
        _ => return None,
    })
}

/// `Fn::Sub` text: each `${Name}` is a hole; `${!Literal}` is the text `${Literal}`.
fn sub(cx: &Cx<'_>, s: &HStr) -> HStr {
    let mut pieces = Vec::new();
    for p in &s.pieces {
        let Piece::Text { text, map } = p else {
            pieces.push(p.clone());
            continue;
        };
        let mut at = 0;
        let mut lit_from = 0;
        while let Some(i) = text[at..].find("${") {
            let open = at + i;
            let Some(close) = text[open..].find('}').map(|c| open + c) else {
                break;
            };
            let inner = &text[open + 2..close];
            if let Some(rest) = inner.strip_prefix('!') {
                // `${!Literal}` is written `${Literal}`: drop the `!`.
                push_text(
                    &mut pieces,
                    &text[lit_from..open + 2],
                    map.slice(lit_from, open + 2),
                );
                push_text(&mut pieces, rest, map.slice(open + 3, close));
                lit_from = close;
                at = close;
                continue;
            }
            push_text(
                &mut pieces,
                &text[lit_from..open],
                map.slice(lit_from, open),
            );
            let (hs, he) = map.host_range(open, close + 1);
            let name = inner.trim();
            let kind = match name.split_once('.') {
                Some((id, attr)) if attr.ends_with("Arn") => cx
                    .type_of(id)
                    .map_or(HoleKind::Value, |t| HoleKind::Arn(t.to_string())),
                _ => ref_kind(cx, name),
            };
            pieces.push(Piece::Hole(Hole {
                range: TextRange::new(hs, he),
                name: name.to_string(),
                kind,
            }));
            at = close + 1;
            lit_from = at;
        }
        push_text(
            &mut pieces,
            &text[lit_from..],
            map.slice(lit_from, text.len()),
        );
    }
    HStr {
        pieces,
        quote: s.quote,
    }
}

fn push_text(pieces: &mut Vec<Piece>, text: &str, map: OffsetMap) {
    if !text.is_empty() {
        pieces.push(Piece::Text {
            text: text.to_string(),
            map,
        });
    }
}

/// `Fn::Join [delimiter, [parts]]` with a literal delimiter: the parts joined, each
/// intrinsic part a hole.
fn join(cx: &Cx<'_>, n: &HNode, a: &HNode) -> Option<HNode> {
    let HValue::Array(args) = &a.value else {
        return None;
    };
    let [delim, list] = args.as_slice() else {
        return None;
    };
    let HValue::Str(delim) = &delim.value else {
        return None;
    };
    delim.as_literal()?;
    let HValue::Array(parts) = &list.value else {
        return None;
    };
    let mut pieces = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            pieces.extend(delim.pieces.iter().cloned());
        }
        let r = resolve(cx, p.clone());
        match r.value {
            HValue::Str(s) => pieces.extend(s.pieces),
            HValue::Number(t) => push_text(
                &mut pieces,
                &t,
                OffsetMap::verbatim(p.range.start as usize, t.len()),
            ),
            _ => pieces.push(Piece::Hole(Hole {
                range: p.range,
                name: is_intrinsic(p).unwrap_or("value").to_string(),
                kind: HoleKind::Value,
            })),
        }
    }
    Some(HNode::new(
        n.range,
        HValue::Str(HStr {
            pieces,
            quote: super::Quote::Plain,
        }),
    ))
}

#[cfg(test)]
mod tests {
    use crate::hosts::{parse, HostKind};

    #[test]
    fn ecr_repository_policies_name_no_resource() {
        let src = "\
Resources:
  Repo:
    Type: AWS::ECR::Repository
    Properties:
      RepositoryPolicyText:
        Statement:
          - Effect: Allow
            Principal: {Service: codebuild.amazonaws.com}
            Action: ecr:BatchGetImage
  Registry:
    Type: AWS::ECR::RegistryPolicy
    Properties:
      PolicyText:
        Statement: []
";
        let p = parse(HostKind::CfnYaml, src).unwrap_or_default();
        let implied: Vec<(&str, bool)> = p
            .policies
            .iter()
            .map(|e| (e.name.as_str(), e.implied_resource))
            .collect();
        assert_eq!(
            implied,
            vec![
                ("Resources.Repo.RepositoryPolicyText", true),
                ("Resources.Registry.PolicyText", false)
            ]
        );
    }
}
