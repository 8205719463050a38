//! A typed view of a policy over the syntax tree. Every element keeps its node, so
//! every finding can point at the exact span. Building the view never fails: elements
//! of the wrong type are left for the schema and rules to report.

mod kind;

pub use kind::{client_patterns, detect_kind, has_policy_suffix, DocKind, KindInfo, KindSource};

use crate::syntax::{Member, Node, TextRange, Value};

/// The top-level element names IAM accepts.
pub const TOP_LEVEL_ELEMENTS: &[&str] = &["Version", "Id", "Statement"];
/// The statement element names IAM accepts.
pub const STATEMENT_ELEMENTS: &[&str] = &[
    "Sid",
    "Effect",
    "Principal",
    "NotPrincipal",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Condition",
];
/// The principal types accepted inside a `Principal` object.
pub const PRINCIPAL_TYPES: &[&str] = &["AWS", "Service", "Federated", "CanonicalUser"];

#[derive(Debug)]
pub struct Policy<'a> {
    pub root: &'a Node,
    pub version: Option<&'a Member>,
    pub id: Option<&'a Member>,
    pub statement: Option<&'a Member>,
    pub statements: Vec<Statement<'a>>,
}

#[derive(Debug)]
pub struct Statement<'a> {
    pub index: usize,
    pub node: &'a Node,
    pub sid: Option<&'a Member>,
    pub effect: Option<&'a Member>,
    pub principal: Option<&'a Member>,
    pub not_principal: Option<&'a Member>,
    pub action: Option<&'a Member>,
    pub not_action: Option<&'a Member>,
    pub resource: Option<&'a Member>,
    pub not_resource: Option<&'a Member>,
    pub condition: Option<&'a Member>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    Allow,
    Deny,
}

/// A string value with its node.
#[derive(Clone, Copy, Debug)]
pub struct StrValue<'a> {
    pub text: &'a str,
    pub node: &'a Node,
}

impl StrValue<'_> {
    pub fn range(&self) -> TextRange {
        self.node.range
    }
}

/// One `"Type": value` entry in a Principal element (`"*"` gives `kind == "*"`).
#[derive(Clone, Copy, Debug)]
pub struct PrincipalValue<'a> {
    pub kind: &'a str,
    pub kind_range: TextRange,
    pub value: StrValue<'a>,
}

/// One `"Operator": { "key": values }` block entry.
#[derive(Debug)]
pub struct ConditionEntry<'a> {
    pub operator: &'a Member,
    pub key: &'a Member,
    /// String, number and boolean values (arrays flattened).
    pub values: Vec<&'a Node>,
}

/// Lowers the root node into a policy view; `None` when the root is not an object.
pub fn lower(root: &Node) -> Option<Policy<'_>> {
    root.as_object()?;
    let statement = root.get("Statement");
    let mut statements = Vec::new();
    if let Some(v) = statement.and_then(|m| m.value.as_ref()) {
        match &v.value {
            Value::Object(_) => statements.push(lower_statement(0, v)),
            Value::Array(a) => {
                for (i, it) in a.items.iter().enumerate() {
                    if it.as_object().is_some() {
                        statements.push(lower_statement(i, it));
                    }
                }
            }
            _ => {}
        }
    }
    Some(Policy {
        root,
        version: root.get("Version"),
        id: root.get("Id"),
        statement,
        statements,
    })
}

/// The statement view of one statement object (index 0; callers set it).
pub fn lower_statement_at(node: &Node) -> Statement<'_> {
    lower_statement(0, node)
}

fn lower_statement(index: usize, node: &Node) -> Statement<'_> {
    Statement {
        index,
        node,
        sid: node.get("Sid"),
        effect: node.get("Effect"),
        principal: node.get("Principal"),
        not_principal: node.get("NotPrincipal"),
        action: node.get("Action"),
        not_action: node.get("NotAction"),
        resource: node.get("Resource"),
        not_resource: node.get("NotResource"),
        condition: node.get("Condition"),
    }
}

/// The string values of a member whose value is a string or an array of strings.
pub fn strings(member: Option<&Member>) -> Vec<StrValue<'_>> {
    let Some(v) = member.and_then(|m| m.value.as_ref()) else {
        return Vec::new();
    };
    strings_of(v)
}

pub fn strings_of(v: &Node) -> Vec<StrValue<'_>> {
    match &v.value {
        Value::String(s) => vec![StrValue {
            text: &s.text,
            node: v,
        }],
        Value::Array(a) => a
            .items
            .iter()
            .filter_map(|it| it.as_str().map(|text| StrValue { text, node: it }))
            .collect(),
        _ => Vec::new(),
    }
}

/// The value node of a member, if any.
pub fn value(member: Option<&Member>) -> Option<&Node> {
    member.and_then(|m| m.value.as_ref())
}

impl<'a> Statement<'a> {
    pub fn effect(&self) -> Option<Effect> {
        match value(self.effect)?.as_str()? {
            "Allow" => Some(Effect::Allow),
            "Deny" => Some(Effect::Deny),
            _ => None,
        }
    }

    /// `Action` values, or `NotAction` values, whichever is present (Action first).
    pub fn action_values(&self) -> (Vec<StrValue<'a>>, bool) {
        if self.action.is_some() {
            (strings(self.action), false)
        } else {
            (strings(self.not_action), true)
        }
    }

    pub fn resource_values(&self) -> (Vec<StrValue<'a>>, bool) {
        if self.resource.is_some() {
            (strings(self.resource), false)
        } else {
            (strings(self.not_resource), true)
        }
    }

    /// The member holding the principal (Principal or NotPrincipal).
    pub fn principal_member(&self) -> Option<&'a Member> {
        self.principal.or(self.not_principal)
    }

    pub fn principals(&self) -> Vec<PrincipalValue<'a>> {
        let Some(member) = self.principal_member() else {
            return Vec::new();
        };
        let Some(v) = member.value.as_ref() else {
            return Vec::new();
        };
        match &v.value {
            Value::String(s) => {
                vec![PrincipalValue {
                    kind: "*",
                    kind_range: v.range,
                    value: StrValue {
                        text: &s.text,
                        node: v,
                    },
                }]
            }
            Value::Object(o) => o
                .members
                .iter()
                .flat_map(|m| {
                    let kind = m.key.text.as_str();
                    let kind_range = m.key.range;
                    m.value
                        .iter()
                        .flat_map(strings_of)
                        .map(move |value| PrincipalValue {
                            kind,
                            kind_range,
                            value,
                        })
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn conditions(&self) -> Vec<ConditionEntry<'a>> {
        let mut acc = Vec::new();
        let Some(block) = value(self.condition).and_then(Node::as_object) else {
            return acc;
        };
        for op in &block.members {
            let Some(keys) = op.value.as_ref().and_then(Node::as_object) else {
                continue;
            };
            for key in &keys.members {
                let values = match key.value.as_ref().map(|v| &v.value) {
                    Some(Value::Array(a)) => a.items.iter().filter(|n| is_scalar(n)).collect(),
                    Some(_) => key.value.iter().filter(|n| is_scalar(n)).collect(),
                    None => Vec::new(),
                };
                acc.push(ConditionEntry {
                    operator: op,
                    key,
                    values,
                });
            }
        }
        acc
    }

    /// The statement's label for messages: its Sid, or its position.
    pub fn label(&self) -> String {
        match value(self.sid).and_then(Node::as_str) {
            Some(s) if !s.is_empty() => format!("statement \"{s}\""),
            _ => format!("statement #{}", self.index + 1),
        }
    }
}

pub fn is_scalar(n: &Node) -> bool {
    matches!(
        n.value,
        Value::String(_) | Value::Number(_) | Value::Bool(_)
    )
}

/// The text of a scalar node as IAM compares it (numbers and booleans as written).
pub fn scalar_text(n: &Node) -> Option<&str> {
    match &n.value {
        Value::String(s) => Some(&s.text),
        Value::Number(s) => Some(s),
        Value::Bool(true) => Some("true"),
        Value::Bool(false) => Some("false"),
        _ => None,
    }
}
