//! Terraform (`.tf`): the policies of `data "aws_iam_policy_document"` blocks, and of
//! the resource attributes that take a policy (`jsonencode({...})`, a heredoc or quoted
//! JSON string), read into host trees. The syntax tree is tree-sitter-hcl's: built by
//! the fast reader (`fast/`) when the file has no syntax error, else by tree-sitter,
//! which recovers from errors and reports them (`errors.rs`).

mod errors;
mod fast;
#[cfg(test)]
mod fast_tests;
mod policy_document;
mod tree;
mod values;

use super::{json_in_string, Embedded, HNode, HValue, HostParse, Piece};
use crate::model::DocKind;
use crate::syntax::TextRange;
use tree::Node;
use values::{named_children, range, unwrap, Reader};

/// The policy-bearing attributes: `type path kind [if attr=VALUE]` lines.
const ATTRIBUTES: &str = include_str!("../../../data/terraform-policy-attributes.txt");

/// Attribute defaults the `if` conditions read when the attribute is absent.
const DEFAULTS: [(&str, &str, &str); 1] =
    [("aws_organizations_policy", "type", "SERVICE_CONTROL_POLICY")];

const DATA_SOURCE: &str = "aws_iam_policy_document";

fn attr_paths() -> &'static [super::PolicyPlace] {
    static PATHS: std::sync::OnceLock<Vec<super::PolicyPlace>> = std::sync::OnceLock::new();
    PATHS.get_or_init(|| super::policy_places(ATTRIBUTES))
}

/// Reads a `.tf` file for its policies. Never fails.
pub fn parse(text: &str) -> HostParse {
    let (tree, work, errors) = read(text);
    let mut out = HostParse {
        errors,
        ..HostParse::default()
    };
    let Some(tree) = tree else { return out };
    let r = Reader { text: &work };
    let found = top_blocks(&r, tree.root_node());
    let jobs: Vec<(usize, Node<'_>)> = found.iter().copied().enumerate().collect();
    let big = text.len() >= PARALLEL_FROM_BYTES;
    let sites: Vec<Site<'_>> = each_block(big, &jobs, |(i, b)| {
        let mut sites = Vec::new();
        if block_name(&r, *b) == "resource" {
            resource_sites(&r, *i, *b, &mut sites);
        }
        sites
    })
    .into_iter()
    .flatten()
    .collect();
    let mut uses = data_uses(&r, &sites);
    merged_uses(&r, &found, &mut uses);
    // Each block's policies read into host trees.
    let one = |(i, b): &(usize, Node<'_>)| {
        let mut part = HostParse::default();
        let ls = labels(*b);
        match (block_name(&r, *b), ls.as_slice()) {
            ("data", [ty, name]) if r.label(*ty) == DATA_SOURCE => {
                let name_text = r.label(*name);
                if let Some(root) =
                    policy_document::document(&r, *b, body(*b), &mut part.not_analysed)
                {
                    let used = uses.iter().find(|u| u.name == name_text);
                    part.policies.push(Embedded {
                        root,
                        kind: used.and_then(|u| u.kind),
                        name: format!("data.{DATA_SOURCE}.{name_text}"),
                        anchor: range(*name),
                        implied_resource: used.is_some_and(|u| u.implied_resource),
                    });
                }
            }
            ("resource", _) => {
                for s in sites.iter().filter(|s| s.block == *i) {
                    attribute_policy(&r, s, &mut part);
                }
            }
            _ => {}
        }
        part
    };
    for p in each_block(big, &jobs, one) {
        out.policies.extend(p.policies);
        out.errors.extend(p.errors);
        out.not_analysed.extend(p.not_analysed);
    }
    out
}

/// From this size a file's blocks are read on all cores.
const PARALLEL_FROM_BYTES: usize = 64 * 1024;

/// `f` over the blocks, in order: on all cores when `big`. A block whose thread
/// panicked is read again here, so the panic reaches the caller's guard.
fn each_block<'t, T: Send>(
    big: bool,
    jobs: &[(usize, Node<'t>)],
    f: impl Fn(&(usize, Node<'t>)) -> T + Sync,
) -> Vec<T> {
    if !big {
        return jobs.iter().map(f).collect();
    }
    crate::parallel::parallel_map(jobs, &f)
        .into_iter()
        .zip(jobs)
        .map(|(p, job)| p.unwrap_or_else(|| f(job)))
        .collect()
}

/// The tree of `text`, the text it was read from (broken lines blanked) and the
/// syntax errors: the fast reader for files without errors, tree-sitter for the rest.
fn read(
    text: &str,
) -> (
    Option<tree::Tree>,
    std::borrow::Cow<'_, str>,
    Vec<crate::syntax::SyntaxError>,
) {
    if let Some(t) = fast::parse(text) {
        return (Some(t), text.into(), Vec::new());
    }
    let (ts, work, errors) = errors::read(text);
    (ts.as_ref().map(tree::Tree::from_ts), work.into(), errors)
}

/// How the fast reader did on `text`, against tree-sitter's HCL grammar: the corpus
/// tests call this on every `.tf` file they read.
#[doc(hidden)]
#[derive(Debug, PartialEq, Eq)]
pub enum FastRead {
    /// Read, and the tree is tree-sitter's.
    Same,
    /// Handed to tree-sitter; `valid` when tree-sitter found no syntax error.
    Declined { valid: bool },
}

/// Compares the fast reader's tree of `text` with tree-sitter's; `Err` shows where
/// they part.
#[doc(hidden)]
pub fn compare_fast_read(text: &str) -> Result<FastRead, String> {
    let mut parser = tree_sitter::Parser::new();
    parser
        .set_language(&tree_sitter_hcl::LANGUAGE.into())
        .map_err(|e| e.to_string())?;
    let ts = parser
        .parse(text, None)
        .ok_or("tree-sitter returned no tree")?;
    let valid = !ts.root_node().has_error();
    let Some(fast) = fast::parse(text) else {
        return Ok(FastRead::Declined { valid });
    };
    if !valid {
        return Err("the fast reader read a file tree-sitter finds errors in".into());
    }
    let (a, b) = (fast.dump(), tree::Tree::from_ts(&ts).dump());
    match super::first_difference(("fast", &a), ("tree-sitter", &b)) {
        None => Ok(FastRead::Same),
        Some(diff) => Err(diff),
    }
}

/// The `resource` and `data` blocks with two labels, wherever they are (after a missing
/// `}` the blocks that follow are read as nested blocks), in order.
fn top_blocks<'t>(r: &Reader<'_>, root: Node<'t>) -> Vec<Node<'t>> {
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(n) = stack.pop() {
        if n.kind() == "block"
            && matches!(block_name(r, n), "resource" | "data")
            && labels(n).len() == 2
        {
            out.push(n);
        }
        let kids: Vec<Node<'t>> = n
            .children()
            .filter(|k| matches!(k.kind(), "body" | "block" | "ERROR"))
            .collect();
        stack.extend(kids.into_iter().rev());
    }
    out
}

fn block_name<'a>(r: &'a Reader<'_>, b: Node<'_>) -> &'a str {
    b.child(0)
        .filter(|k| k.kind() == "identifier")
        .map_or("", |k| r.src(k))
}

/// The labels of a block (`resource "type" "name"`).
fn labels(b: Node<'_>) -> Vec<Node<'_>> {
    named_children(b)
        .into_iter()
        .skip(1)
        .take_while(|k| matches!(k.kind(), "string_lit" | "identifier"))
        .collect()
}

fn body(b: Node<'_>) -> Option<Node<'_>> {
    named_children(b).into_iter().find(|k| k.kind() == "body")
}

/// The attributes of a body: (name, name node, value expression).
fn attributes<'a, 't>(r: &'a Reader<'_>, body: Node<'t>) -> Vec<(&'a str, Node<'t>, Node<'t>)> {
    named_children(body)
        .into_iter()
        .filter(|k| k.kind() == "attribute")
        .filter_map(|a| {
            let kids = named_children(a);
            let key = *kids.first()?;
            let value = *kids.get(1)?;
            Some((r.src(key), key, value))
        })
        .collect()
}

fn blocks(body: Node<'_>) -> Vec<Node<'_>> {
    named_children(body)
        .into_iter()
        .filter(|k| k.kind() == "block")
        .collect()
}

/// One policy-bearing attribute of a resource.
struct Site<'t> {
    /// Index of its resource block.
    block: usize,
    name: String,
    key: Node<'t>,
    value: Node<'t>,
    /// `None`: a policy of a kind only its content can tell.
    kind: Option<DocKind>,
}

fn resource_sites<'t>(r: &Reader<'_>, i: usize, b: Node<'t>, out: &mut Vec<Site<'t>>) {
    let ls = labels(b);
    let ([ty, name], Some(body)) = (ls.as_slice(), body(b)) else {
        return;
    };
    let ty = r.label(*ty);
    let lines: Vec<&super::PolicyPlace> = attr_paths()
        .iter()
        .filter(|p| p.resource_type == ty)
        .collect();
    let mut done: Vec<&[&str]> = Vec::new();
    for p in &lines {
        if done.contains(&p.path.as_slice()) {
            continue;
        }
        done.push(&p.path);
        let same: Vec<&super::PolicyPlace> =
            lines.iter().copied().filter(|l| l.path == p.path).collect();
        let Some(kind) = kind_for(r, ty, body, &same) else {
            continue;
        };
        let label = format!("{ty}.{}", r.label(*name));
        let mut found = Vec::new();
        body_sites(r, body, &p.path, label, &mut found);
        out.extend(found.into_iter().map(|(name, key, value)| Site {
            block: i,
            name,
            key,
            value,
            kind,
        }));
    }
}

/// The kind of the policy at a path given its `if` lines: `None` when the resource
/// does not hold a policy there, `Some(None)` when the condition is an expression.
fn kind_for(
    r: &Reader<'_>,
    ty: &str,
    body: Node<'_>,
    lines: &[&super::PolicyPlace],
) -> Option<Option<DocKind>> {
    if let Some(l) = lines.iter().find(|l| l.only_if.is_none()) {
        return Some(Some(l.kind));
    }
    let (attr, _) = lines.first()?.only_if?;
    let value = attributes(r, body)
        .into_iter()
        .rev()
        .find(|(n, _, _)| *n == attr)
        .map(|(_, _, v)| r.value(v, 0));
    let literal = match &value {
        Some(v) => match v.as_literal() {
            Some(s) => s.to_string(),
            None => return Some(None),
        },
        None => DEFAULTS
            .iter()
            .find(|(t, a, _)| *t == ty && *a == attr)
            .map(|(_, _, d)| d.to_string())?,
    };
    lines
        .iter()
        .find(|l| l.only_if.is_some_and(|(_, want)| want == literal))
        .map(|l| Some(l.kind))
}

type Found<'t> = (String, Node<'t>, Node<'t>);

/// The attributes at `path` in a body: nested blocks and object values walked.
fn body_sites<'t>(
    r: &Reader<'_>,
    body: Node<'t>,
    path: &[&str],
    label: String,
    out: &mut Vec<Found<'t>>,
) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    for (name, key, value) in attributes(r, body) {
        if name != *first {
            continue;
        }
        let label = format!("{label}.{name}");
        if rest.is_empty() {
            out.push((label, key, value));
        } else {
            value_sites(r, value, rest, label, out, 0);
        }
    }
    if rest.is_empty() {
        return;
    }
    let nested: Vec<Node<'t>> = blocks(body)
        .into_iter()
        .filter(|b| block_name(r, *b) == *first)
        .collect();
    let many = nested.len() > 1;
    for (i, b) in nested.into_iter().enumerate() {
        let label = if many {
            format!("{label}.{first}[{i}]")
        } else {
            format!("{label}.{first}")
        };
        if let Some(inner) = self::body(b) {
            body_sites(r, inner, rest, label, out);
        }
    }
}

/// The elements at `path` in an object value (or in each object of a list).
fn value_sites<'t>(
    r: &Reader<'_>,
    v: Node<'t>,
    path: &[&str],
    label: String,
    out: &mut Vec<Found<'t>>,
    depth: usize,
) {
    let v = unwrap(v);
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    if depth > 8 {
        return;
    }
    match v.kind() {
        "tuple" => {
            let items: Vec<Node<'t>> = named_children(v)
                .into_iter()
                .filter(|k| k.kind() == "expression")
                .collect();
            for (i, item) in items.into_iter().enumerate() {
                value_sites(r, item, path, format!("{label}[{i}]"), out, depth + 1);
            }
        }
        "object" => {
            for e in named_children(v)
                .into_iter()
                .filter(|k| k.kind() == "object_elem")
            {
                let (Some(k), Some(val)) =
                    (e.child_by_field_name("key"), e.child_by_field_name("val"))
                else {
                    continue;
                };
                if r.label(k).trim() != *first {
                    continue;
                }
                let label = format!("{label}.{first}");
                if rest.is_empty() {
                    out.push((label, k, val));
                } else {
                    value_sites(r, val, rest, label, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// For each policy document data source used in a policy-bearing attribute of this file,
/// the kind its uses agree on (`None` when they disagree or cannot tell).
fn data_uses(r: &Reader<'_>, sites: &[Site<'_>]) -> Vec<DataUse> {
    let mut uses: Vec<DataUse> = Vec::new();
    for s in sites {
        let implied = super::resource_is_implied(s.name.split('.').next().unwrap_or(""));
        for name in data_refs(r.src(s.value)) {
            match uses.iter_mut().find(|u| u.name == name) {
                Some(u) => {
                    if u.kind != s.kind {
                        u.kind = None;
                    }
                    u.implied_resource &= implied;
                }
                None => uses.push(DataUse {
                    name: name.to_string(),
                    kind: s.kind,
                    implied_resource: implied,
                }),
            }
        }
    }
    uses
}

/// A policy document merged into another one (`source_policy_documents`,
/// `override_policy_documents`) is used wherever that one is: it gets its uses, through
/// chains of merges. A document that is only merged has no use of its own.
fn merged_uses(r: &Reader<'_>, blocks: &[Node<'_>], uses: &mut Vec<DataUse>) {
    let mut merges: Vec<(String, String)> = Vec::new();
    for b in blocks {
        let ls = labels(*b);
        let ("data", [ty, name]) = (block_name(r, *b), ls.as_slice()) else {
            continue;
        };
        let Some(body) = body(*b).filter(|_| r.label(*ty) == DATA_SOURCE) else {
            continue;
        };
        for (attr, _, value) in attributes(r, body) {
            if matches!(
                attr,
                "source_policy_documents" | "override_policy_documents"
            ) {
                for part in data_refs(r.src(value)) {
                    merges.push((part.to_string(), r.label(*name).to_string()));
                }
            }
        }
    }
    // Each round follows one more link of a chain; chains are short.
    for _ in 0..merges.len().min(8) {
        let mut changed = false;
        for (part, whole) in &merges {
            let Some(w) = uses.iter().find(|u| &u.name == whole) else {
                continue;
            };
            let (kind, implied) = (w.kind, w.implied_resource);
            match uses.iter_mut().find(|u| &u.name == part) {
                Some(u) => {
                    let (k, i) = (
                        if u.kind == kind { kind } else { None },
                        u.implied_resource && implied,
                    );
                    changed |= (k, i) != (u.kind, u.implied_resource);
                    u.kind = k;
                    u.implied_resource = i;
                }
                None => {
                    uses.push(DataUse {
                        name: part.clone(),
                        kind,
                        implied_resource: implied,
                    });
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
}

/// What the attributes that use a policy document data source say of it.
struct DataUse {
    name: String,
    /// The kind they agree on.
    kind: Option<DocKind>,
    /// Every one of them is a policy of a resource it must not name.
    implied_resource: bool,
}

/// The names `X` of `data.aws_iam_policy_document.X.json` (or `.minified_json`) in `src`.
fn data_refs(src: &str) -> Vec<&str> {
    const PREFIX: &str = "data.aws_iam_policy_document.";
    let mut out = Vec::new();
    let mut rest = src;
    while let Some(i) = rest.find(PREFIX) {
        let after = &rest[i + PREFIX.len()..];
        let end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(after.len());
        let mut tail = &after[end..];
        // `[0]`, `[*]`, `.*` of a data source with count or for_each.
        loop {
            if let Some(t) = tail.strip_prefix(".*") {
                tail = t;
            } else if let Some(close) = tail.strip_prefix('[').and_then(|t| t.find(']')) {
                tail = &tail[close + 2..];
            } else {
                break;
            }
        }
        if end > 0 && (tail.starts_with(".json") || tail.starts_with(".minified_json")) {
            out.push(&after[..end]);
        }
        rest = tail;
    }
    out
}

/// The policy of one attribute, in whichever form it is written.
fn attribute_policy(r: &Reader<'_>, s: &Site<'_>, out: &mut HostParse) {
    let v = unwrap(s.value);
    let vr = range(v);
    let push = |root: HNode, out: &mut HostParse| {
        out.policies.push(Embedded {
            root,
            kind: s.kind,
            name: s.name.clone(),
            anchor: range(s.key),
            implied_resource: super::resource_is_implied(s.name.split('.').next().unwrap_or("")),
        })
    };
    let call = match v.kind() {
        "function_call" => v.child(0).map(|k| r.src(k)),
        _ => None,
    };
    match (v.kind(), call) {
        (_, Some("file" | "templatefile")) => out.not_analysed.push((
            vr,
            format!(
                "the policy is in another file (`{}`), checked there",
                values::short(r.src(v))
            ),
        )),
        (_, Some("jsonencode")) | ("conditional", _) => {
            let node = r.value(v, 0);
            match &node.value {
                HValue::Object(_) => push(node, out),
                HValue::Choice(bs) if bs.iter().all(|b| b.as_object().is_some()) => push(node, out),
                HValue::Str(s) if is_reference(s) => reference(s, vr, out),
                _ => out.not_analysed.push((
                    vr,
                    "the policy is built when the plan is made; it cannot be read here".into(),
                )),
            }
        }
        // `one(data.aws_iam_policy_document.x[*].json)`, `try(...)`, `join("", ...)`:
        // the policy is the data source's, checked there.
        (_, Some(_)) if !data_refs(r.src(v)).is_empty() => {}
        (_, Some(f)) => out.not_analysed.push((
            vr,
            format!("the policy is the result of `{f}(…)`, known only when the plan is made"),
        )),
        ("string_lit" | "quoted_template" | "heredoc_template", _) => {
            let node = r.value(v, 0);
            match node.value {
                HValue::Str(s) if is_reference(&s) => reference(&s, vr, out),
                HValue::Str(s) => {
                    let (root, errors) = json_in_string(&s);
                    out.errors.extend(errors);
                    if let Some(root) = root {
                        push(root, out);
                    }
                }
                HValue::Opaque(why) => out.not_analysed.push((vr, why)),
                _ => {}
            }
        }
        ("for_tuple_expr" | "for_object_expr", _) => out.not_analysed.push((
            vr,
            "a `for` expression builds the policy when the plan is made".into(),
        )),
        _ => {
            let node = r.value(v, 0);
            match &node.value {
                HValue::Str(s) if is_reference(s) => reference(s, vr, out),
                _ => out.not_analysed.push((
                    vr,
                    "the policy is built when the plan is made; it cannot be read here".into(),
                )),
            }
        }
    }
}

fn is_reference(s: &super::HStr) -> bool {
    matches!(s.pieces.as_slice(), [Piece::Hole(_)])
}

/// A policy that is the value of a reference: a policy document data source is read
/// where it is written; anything else is known only at plan time.
fn reference(s: &super::HStr, vr: TextRange, out: &mut HostParse) {
    let [Piece::Hole(h)] = s.pieces.as_slice() else {
        return;
    };
    if h.name.contains("data.aws_iam_policy_document.") {
        return;
    }
    out.not_analysed.push((
        vr,
        format!(
            "the policy is the value of `{}`, known only when the plan is made",
            h.name
        ),
    ));
}

#[cfg(test)]
mod tests;
