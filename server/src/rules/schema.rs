//! The findings of the JSON Schema (`crate::schema`) on a document it refuses: each
//! schema error mapped back to the span of the offending node and given a message in
//! plain words. The schema owns `invalid-type` and `unknown-element`; errors that a
//! rule written in code reports better (missing and forbidden elements, Effect and
//! Version values, empty elements) are left to those rules, so each id has one
//! implementation.

use super::{structure, RuleCtx};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::model::{PRINCIPAL_TYPES, STATEMENT_ELEMENTS, TOP_LEVEL_ELEMENTS};
use crate::schema::validator;
use crate::syntax::{self, Node, TextRange};
use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::LocationSegment;

/// The schema's findings on `root` (for a document [`is_valid`] refused).
pub(crate) fn validate(ctx: &RuleCtx<'_>, root: &Node, acc: &mut Vec<Diagnostic>) {
    let Some(validator) = validator(ctx.kind.kind) else {
        return;
    };
    let instance = syntax::to_json(root);
    for err in validator.iter_errors(&instance) {
        let path: Vec<Seg> = err
            .instance_path()
            .iter()
            .map(|s| match s {
                LocationSegment::Property(p) => Seg::Key(p.to_string()),
                LocationSegment::Index(i) => Seg::Index(i),
            })
            .collect();
        let Some(node) = resolve(root, &path) else {
            continue;
        };
        if let Some(d) = map_error(ctx, root, &path, node, err.kind()) {
            acc.push(d);
        }
    }
}

#[derive(Clone, Debug)]
enum Seg {
    Key(String),
    Index(usize),
}

impl Seg {
    fn key(&self) -> Option<&str> {
        match self {
            Seg::Key(k) => Some(k),
            Seg::Index(_) => None,
        }
    }
}

fn resolve<'a>(root: &'a Node, path: &[Seg]) -> Option<&'a Node> {
    let mut cur = root;
    for seg in path {
        cur = match seg {
            Seg::Key(k) => cur.get(k)?.value.as_ref()?,
            Seg::Index(i) => cur.as_array()?.items.get(*i)?,
        };
    }
    Some(cur)
}

/// The element a path points into, and where: `("Effect", Level::Statement)`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Level {
    Top,
    Statement,
    Principal,
    ConditionBlock,
    ConditionOperator,
    Other,
}

fn level_of(path: &[Seg]) -> Level {
    let keys = keys_of(path);
    match keys.as_slice() {
        [] => Level::Top,
        ["Statement"] => Level::Statement,
        ["Statement", "Principal" | "NotPrincipal"] => Level::Principal,
        ["Statement", "Condition"] => Level::ConditionBlock,
        ["Statement", "Condition", _] => Level::ConditionOperator,
        _ => Level::Other,
    }
}

/// The member names along a path, array indexes left out.
fn keys_of(path: &[Seg]) -> Vec<&str> {
    path.iter().filter_map(Seg::key).collect()
}

fn last_key(path: &[Seg]) -> Option<&str> {
    path.iter().rev().find_map(Seg::key)
}

fn expectation(path: &[Seg]) -> &'static str {
    let keys = keys_of(path);
    let in_array = matches!(path.last(), Some(Seg::Index(_)));
    match keys.as_slice() {
        ["Version" | "Id"] | ["Statement", "Sid" | "Effect"] => "a string",
        ["Statement"] if in_array => "a statement object",
        ["Statement"] => "a statement object or an array of statement objects",
        ["Statement", "Action" | "NotAction" | "Resource" | "NotResource"] if in_array => {
            "a string"
        }
        ["Statement", "Action" | "NotAction" | "Resource" | "NotResource"] => {
            "a string or an array of strings"
        }
        ["Statement", "Principal" | "NotPrincipal"] => {
            "\"*\" or an object such as {\"AWS\": \"arn:aws:iam::111122223333:root\"}"
        }
        ["Statement", "Principal" | "NotPrincipal", _] if in_array => "a string",
        ["Statement", "Principal" | "NotPrincipal", _] => "a string or an array of strings",
        ["Statement", "Condition"] => {
            "an object of condition operators, such as {\"StringEquals\": {...}}"
        }
        ["Statement", "Condition", _] => {
            "an object of condition keys, such as {\"aws:SourceAccount\": \"111122223333\"}"
        }
        ["Statement", "Condition", _, _] if in_array => "a string, number or boolean",
        ["Statement", "Condition", _, _] => "a string, number, boolean or an array of them",
        _ => "a different type",
    }
}

fn element_name(path: &[Seg]) -> String {
    let keys = keys_of(path);
    let in_array = matches!(path.last(), Some(Seg::Index(_)));
    let base = match keys.as_slice() {
        [] => "the policy".to_string(),
        ["Statement", "Condition", op] => format!("operator \"{op}\""),
        ["Statement", "Condition", _, key] => format!("condition key \"{key}\""),
        ["Statement", "Principal" | "NotPrincipal", t] => format!("the \"{t}\" principal"),
        [.., last] => format!("\"{last}\""),
    };
    if in_array {
        format!("each item of {base}")
    } else {
        base
    }
}

fn first_char(n: &Node) -> TextRange {
    TextRange::new(n.range.start as usize, n.range.start as usize + 1)
}

fn map_error(
    ctx: &RuleCtx<'_>,
    root: &Node,
    path: &[Seg],
    node: &Node,
    kind: &ValidationErrorKind,
) -> Option<Diagnostic> {
    match kind {
        ValidationErrorKind::AdditionalProperties { unexpected }
        | ValidationErrorKind::UnevaluatedProperties { unexpected } => {
            // One diagnostic per unexpected name; the caller gets the first, the rest are
            // pushed by building them here.
            let name = unexpected.first()?;
            Some(unknown_element(ctx, path, node, name))
        }
        ValidationErrorKind::Not { .. } => not_allowed(ctx, root, path),
        ValidationErrorKind::Required { property } => required(ctx, path, node, property),
        ValidationErrorKind::Enum { .. } | ValidationErrorKind::Constant { .. } => {
            let key = last_key(path).unwrap_or("");
            let found = node
                .as_str()
                .map_or_else(|| node.type_name().to_string(), |s| format!("\"{s}\""));
            match (key, matches!(path.last(), Some(Seg::Key(_)))) {
                // invalid-effect's and invalid-version's (a value of the wrong type is
                // also a Type error: invalid-type).
                ("Effect", true) => None,
                ("Version", true) if path.len() == 1 => None,
                _ => Some(ctx.diag(
                    &structure::invalid_type::RULE,
                    node.range,
                    format!(
                        "{} has a value that is not allowed here: {found}",
                        element_name(path)
                    ),
                )),
            }
        }
        // Empty elements are empty-element's.
        ValidationErrorKind::MinItems { .. } | ValidationErrorKind::MinProperties { .. } => None,
        ValidationErrorKind::Type { .. }
        | ValidationErrorKind::AnyOf { .. }
        | ValidationErrorKind::OneOfNotValid { .. } => {
            if path.is_empty() && node.as_object().is_none() {
                return None; // invalid_type::check_root's
            }
            // A statement (in an array, or the single object of `"Statement": {...}`) or
            // the root that fails a combination: the rules in code say it better.
            if node.as_object().is_some()
                && matches!(level_of(path), Level::Statement | Level::Top)
                && !matches!(kind, ValidationErrorKind::Type { .. })
            {
                return None;
            }
            Some(ctx.diag(
                &structure::invalid_type::RULE,
                node.range,
                format!(
                    "{} must be {}, found {}",
                    capitalize(&element_name(path)),
                    expectation(path),
                    node.type_name()
                ),
            ))
        }
        ValidationErrorKind::FalseSchema => {
            let key = last_key(path)?;
            let parent = resolve(root, &path[..path.len().saturating_sub(1)])?;
            let member = parent.get(key)?;
            Some(unknown_element(
                ctx,
                &path[..path.len() - 1],
                parent,
                &member.key.text,
            ))
        }
        _ => Some(ctx.diag(
            &structure::invalid_type::RULE,
            node.range,
            format!("{} has an invalid value", capitalize(&element_name(path))),
        )),
    }
}

/// An element the schema forbids here, unless a rule in code reports it.
fn not_allowed(ctx: &RuleCtx<'_>, root: &Node, path: &[Seg]) -> Option<Diagnostic> {
    // Forbidden elements (principal-not-allowed, resource-not-allowed) and pairs
    // (conflicting-elements) are those rules' findings.
    let key = last_key(path)?;
    let parent = resolve(root, &path[..path.len().saturating_sub(1)])?;
    let member = parent.get(key)?;
    let paired = match key {
        "NotAction" => parent.get("Action").is_some(),
        "NotResource" => parent.get("Resource").is_some(),
        "NotPrincipal" => parent.get("Principal").is_some(),
        _ => false,
    };
    if paired
        || matches!(
            key,
            "Principal" | "NotPrincipal" | "Resource" | "NotResource"
        )
    {
        return None;
    }
    Some(ctx.diag(
        &structure::unknown_element::RULE,
        member.key.range,
        format!(
            "\"{key}\" is not allowed in {} ({})",
            ctx.kind.kind.title_with_article(),
            ctx.kind.reason
        ),
    ))
}

/// A required element missing, unless a missing-* rule reports it.
fn required(
    ctx: &RuleCtx<'_>,
    path: &[Seg],
    node: &Node,
    property: &serde_json::Value,
) -> Option<Diagnostic> {
    let prop = property.as_str()?;
    // Missing Statement, Effect, Action, Resource and Principal are the missing-*
    // rules' findings.
    if matches!(
        prop,
        "Statement"
            | "Effect"
            | "Action"
            | "NotAction"
            | "Resource"
            | "NotResource"
            | "Principal"
            | "NotPrincipal"
    ) {
        return None;
    }
    Some(ctx.diag(
        &structure::invalid_type::RULE,
        first_char(node),
        format!(
            "{} needs \"{prop}\"",
            if path.is_empty() {
                "the policy".to_string()
            } else {
                "this statement".to_string()
            }
        ),
    ))
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// An element name that does not belong at this level, with a did-you-mean fix.
fn unknown_element(ctx: &RuleCtx<'_>, path: &[Seg], object: &Node, name: &str) -> Diagnostic {
    let level = level_of(path);
    let Some(member) = object.get(name) else {
        return ctx.diag(
            &structure::unknown_element::RULE,
            object.range,
            format!("unknown element \"{name}\""),
        );
    };
    let (allowed, what): (&[&str], &str) = match level {
        Level::Top => (TOP_LEVEL_ELEMENTS, "top-level element"),
        Level::Statement => (STATEMENT_ELEMENTS, "statement element"),
        Level::Principal => (PRINCIPAL_TYPES, "principal type"),
        _ => (&[], "element"),
    };
    if level == Level::Top && STATEMENT_ELEMENTS.contains(&name) {
        return ctx.diag(
            &structure::unknown_element::RULE,
            member.key.range,
            format!("\"{name}\" belongs inside a statement, not at the top level of the policy"),
        );
    }
    let mut d = ctx.diag(
        &structure::unknown_element::RULE,
        member.key.range,
        format!("unknown {what} \"{name}\""),
    );
    let taken: Vec<&str> = object
        .as_object()
        .map(|o| o.members.iter().map(|m| m.key.text.as_str()).collect())
        .unwrap_or_default();
    let candidates = allowed.iter().copied().filter(|c| !taken.contains(c));
    if let Some(s) = crate::suggest::best(name, candidates) {
        d.message = format!("unknown {what} \"{name}\": did you mean \"{s}\"?");
        d.fixes.push(Fix::replace(
            format!("Rename to \"{s}\""),
            member.key.range,
            format!("\"{s}\""),
            Applicability::Safe,
        ));
    } else if !allowed.is_empty() {
        d.message = format!(
            "unknown {what} \"{name}\": expected one of {}",
            allowed.join(", ")
        );
    }
    d
}
