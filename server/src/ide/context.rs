//! Where the cursor is, in policy terms: which element, key or value, inside which
//! statement. Works on half-typed documents (unclosed strings, missing colons and
//! commas), because the parser keeps what it could read.

use crate::model::{self, Statement};
use crate::syntax::{Member, Node, PathStep, TextRange, Value};

/// What the cursor is on.
#[derive(Clone, Copy, Debug)]
pub enum Spot<'a> {
    /// On (or typing) a key; `member` is the key's member.
    Key(&'a Member),
    /// Inside a string value (`node`), possibly an item of an array.
    StringValue(&'a Node),
    /// On a non-string scalar value.
    OtherValue(&'a Node),
    /// Between members of an object, where a new key can be typed.
    NewKey,
    /// Between items of an array, or right after a colon, where a new value can be typed.
    NewValue,
}

#[derive(Debug)]
pub struct CursorContext<'a> {
    /// Member names from the root to the innermost member, e.g.
    /// `["Statement", "Condition", "StringEquals", "aws:SourceIp"]` (array indexes left out).
    pub keys: Vec<&'a str>,
    /// The innermost container object's member whose value contains the cursor.
    pub member: Option<&'a Member>,
    pub spot: Spot<'a>,
    /// The statement the cursor is in, if any.
    pub statement: Option<Statement<'a>>,
    /// Text typed so far inside the string under the cursor (up to the cursor).
    pub typed: String,
    /// The range a completion replaces: the string's contents, or an empty range at the
    /// cursor when no string was started.
    pub replace: TextRange,
    /// Whether the cursor is inside quotes (completions insert bare text).
    pub in_string: bool,
}

impl CursorContext<'_> {
    pub fn depth_is(&self, keys: &[&str]) -> bool {
        self.keys == keys
    }
}

/// The cursor context at `offset`, or `None` outside any document.
pub fn at<'a>(root: &'a Node, text: &str, offset: usize) -> Option<CursorContext<'a>> {
    let path = root.path_at(offset);
    let mut keys = Vec::new();
    let mut member = None;
    let mut statement_node: Option<&Node> = None;
    let mut cur = root;
    let mut spot = None;
    let mut stmt_index = 0usize;
    for (i, step) in path.iter().enumerate() {
        match *step {
            PathStep::Key(m) => {
                keys.push(m.key.text.as_str());
                member = Some(m);
                spot = Some(Spot::Key(m));
            }
            PathStep::Member(m) => {
                keys.push(m.key.text.as_str());
                member = Some(m);
                let Some(v) = m.value.as_ref() else { break };
                if keys.len() == 1 && m.key.text == "Statement" && v.as_object().is_some() {
                    statement_node = Some(v);
                }
                cur = v;
                let last = i + 1 == path.len();
                if last {
                    spot = Some(spot_for_node(v, offset));
                }
            }
            PathStep::Index(ix) => {
                let Some(item) = cur.as_array().and_then(|a| a.items.get(ix)) else {
                    break;
                };
                if keys == ["Statement"] && item.as_object().is_some() {
                    statement_node = Some(item);
                    stmt_index = ix;
                }
                cur = item;
                if i + 1 == path.len() {
                    spot = Some(spot_for_node(item, offset));
                }
            }
        }
    }
    if path.is_empty() {
        spot = Some(match root.value {
            Value::Object(_) => Spot::NewKey,
            _ => spot_for_node(root, offset),
        });
    }
    let spot = spot.unwrap_or(Spot::NewValue);
    let statement = statement_node.map(|n| {
        let mut st = model::lower_statement_at(n);
        st.index = stmt_index;
        st
    });
    let (typed, replace, in_string) = typed_and_range(spot, text, offset);
    Some(CursorContext {
        keys,
        member,
        spot,
        statement,
        typed,
        replace,
        in_string,
    })
}

fn spot_for_node(n: &Node, offset: usize) -> Spot<'_> {
    match &n.value {
        Value::String(_) if n.range.start as usize != offset || n.range.is_empty() => {
            Spot::StringValue(n)
        }
        Value::String(_) => Spot::NewValue,
        Value::Object(o) => {
            if o.members.iter().any(|m| m.key.range.touches(offset)) {
                Spot::NewKey
            } else if is_after_colon_without_value(o, offset) {
                Spot::NewValue
            } else {
                Spot::NewKey
            }
        }
        Value::Array(_) => Spot::NewValue,
        _ => Spot::OtherValue(n),
    }
}

fn is_after_colon_without_value(o: &crate::syntax::Object, offset: usize) -> bool {
    o.members
        .iter()
        .any(|m| m.value.is_none() && m.colon.is_some_and(|c| c.end as usize <= offset))
}

fn typed_and_range(spot: Spot<'_>, text: &str, offset: usize) -> (String, TextRange, bool) {
    let (range, inner) = match spot {
        Spot::Key(m) => (m.key.range, key_inner(m)),
        Spot::StringValue(n) => (n.range, n.inner_range()),
        _ => return (String::new(), TextRange::empty(offset), false),
    };
    // The cursor sits before the opening quote: not inside the string.
    if offset <= range.start as usize {
        return (String::new(), TextRange::empty(offset), false);
    }
    let start = inner.start as usize;
    let cut = offset.clamp(start, (inner.end as usize).max(start));
    let typed = text.get(start..cut).unwrap_or("").to_string();
    (typed, inner, true)
}

fn key_inner(m: &Member) -> TextRange {
    let r = m.key.range;
    let start = r.start + 1;
    let end = if m.key.closed {
        r.end.saturating_sub(1)
    } else {
        r.end
    };
    TextRange {
        start: start.min(end.max(start)),
        end: end.max(start),
    }
}
