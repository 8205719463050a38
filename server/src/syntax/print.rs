//! A stable, idempotent pretty-printer over the syntax tree (the formatter's layout).
//!
//! - Key order, duplicate keys and every scalar are kept exactly as written (strings
//!   with their escapes, numbers with their spelling): only whitespace changes.
//! - Objects with members always take one member per line; empty containers print as
//!   `{}` / `[]`.
//! - An array whose items are all scalars goes on one line (`["a", "b"]`) when that
//!   whole line, indentation, key and trailing comma included, fits in
//!   [`MAX_WIDTH`] columns (counted in characters); otherwise one item per line.
//!   Arrays holding objects or arrays are always one item per line.
//!
//! The layout depends only on the tree, never on the input's whitespace.

use super::{Node, TextRange, Value};

/// Lines holding an inline array of scalars stay within this many columns.
pub const MAX_WIDTH: usize = 80;

/// Indentation options (LSP `FormattingOptions`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormatOptions {
    pub tab_size: u32,
    pub insert_spaces: bool,
}

impl FormatOptions {
    fn unit(self) -> String {
        if self.insert_spaces {
            " ".repeat(self.tab_size.clamp(1, 16) as usize)
        } else {
            "\t".to_string()
        }
    }
    /// Columns taken by one indentation unit (a tab counts as `tab_size`).
    fn unit_width(self) -> usize {
        self.tab_size.clamp(1, 16) as usize
    }
}

/// Prints `node` as it would appear at `depth`, its first line not indented (the
/// caller places it), with `nl` as the line break.
pub fn print(
    text: &str,
    node: &Node,
    depth: usize,
    opts: FormatOptions,
    nl: &'static str,
) -> String {
    let mut p = Printer::new(text, opts, nl);
    p.node(node, depth);
    p.out
}

/// Like [`print`], indenting by `unit` (the document's own indentation step): for
/// statements and members inserted by fixes.
pub fn print_with_unit(
    text: &str,
    node: &Node,
    depth: usize,
    unit: &str,
    nl: &'static str,
) -> String {
    let opts = FormatOptions {
        tab_size: u32::try_from(unit.len().max(1)).unwrap_or(2),
        insert_spaces: !unit.starts_with('\t'),
    };
    print(text, node, depth, opts, nl)
}

struct Printer<'a> {
    text: &'a str,
    unit: String,
    unit_width: usize,
    nl: &'static str,
    out: String,
}

impl<'a> Printer<'a> {
    fn new(text: &'a str, opts: FormatOptions, nl: &'static str) -> Printer<'a> {
        Printer {
            text,
            unit: opts.unit(),
            unit_width: opts.unit_width(),
            nl,
            out: String::new(),
        }
    }

    fn raw(&self, range: TextRange) -> &'a str {
        self.text.get(range.as_range()).unwrap_or("")
    }

    fn indent(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str(&self.unit);
        }
    }

    /// Prints `node` at `depth` (multi-line for non-empty containers); a trailing
    /// comma, if any, is the caller's.
    fn node(&mut self, node: &Node, depth: usize) {
        match &node.value {
            Value::Object(o) if o.members.is_empty() => self.out.push_str("{}"),
            Value::Object(o) => {
                self.out.push('{');
                self.out.push_str(self.nl);
                let n = o.members.len();
                for (i, m) in o.members.iter().enumerate() {
                    self.indent(depth + 1);
                    let key = self.raw(m.key.range);
                    self.out.push_str(key);
                    self.out.push_str(": ");
                    let col = (depth + 1) * self.unit_width + key.chars().count() + 2;
                    let comma = i + 1 < n;
                    match &m.value {
                        Some(v) => self.value(v, depth + 1, col, comma),
                        None => self.out.push_str("null"),
                    }
                    if comma {
                        self.out.push(',');
                    }
                    self.out.push_str(self.nl);
                }
                self.indent(depth);
                self.out.push('}');
            }
            Value::Array(a) if a.items.is_empty() => self.out.push_str("[]"),
            Value::Array(a) => {
                self.out.push('[');
                self.out.push_str(self.nl);
                let n = a.items.len();
                for (i, it) in a.items.iter().enumerate() {
                    self.indent(depth + 1);
                    let comma = i + 1 < n;
                    self.value(it, depth + 1, (depth + 1) * self.unit_width, comma);
                    if comma {
                        self.out.push(',');
                    }
                    self.out.push_str(self.nl);
                }
                self.indent(depth);
                self.out.push(']');
            }
            _ => {
                let raw = self.raw(node.range);
                self.out.push_str(raw);
            }
        }
    }

    /// A value at `col`, followed by a comma when `comma`: inline arrays of scalars
    /// when the line fits.
    fn value(&mut self, v: &Node, depth: usize, col: usize, comma: bool) {
        if let Some(inline) = self.inline_array(v) {
            let width = col + inline.chars().count() + usize::from(comma);
            if width <= MAX_WIDTH {
                self.out.push_str(&inline);
                return;
            }
        }
        self.node(v, depth);
    }

    /// `["a", "b"]` for a non-empty array of scalars.
    fn inline_array(&self, v: &Node) -> Option<String> {
        let a = v.as_array()?;
        if a.items.is_empty() || !a.items.iter().all(is_scalar) {
            return None;
        }
        let items: Vec<&str> = a.items.iter().map(|it| self.raw(it.range)).collect();
        Some(format!("[{}]", items.join(", ")))
    }
}

/// Whether `n` is neither an object nor an array.
pub fn is_scalar(n: &Node) -> bool {
    !matches!(n.value, Value::Object(_) | Value::Array(_))
}
