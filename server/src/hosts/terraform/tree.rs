//! The HCL syntax tree the Terraform front end reads: tree-sitter's node kinds, fields
//! and byte ranges, kept in one flat arena. Two parsers fill it: the fast one
//! (`fast.rs`) for files without syntax errors, and tree-sitter's HCL grammar (copied
//! over by [`Tree::from_ts`]) for everything else. Comments are left out: the front end
//! never reads them.

use std::ops::Range;

/// One node: what tree-sitter would report for it (40 bytes: a big file has a node
/// every three or four bytes).
#[derive(Clone, Debug)]
pub(super) struct Data {
    pub kind: &'static str,
    start: u32,
    end: u32,
    /// [`NAMED`], [`MISSING`], [`KEY`], [`VAL`].
    flags: u8,
    kids: Range<u32>,
}

/// A grammar rule's node, not a literal token such as `=` or `{`.
const NAMED: u8 = 1;
/// Inserted by tree-sitter's error recovery.
const MISSING: u8 = 2;
/// The `key` field of an `object_elem` (the grammar's only fields are `key` and `val`).
const KEY: u8 = 4;
const VAL: u8 = 8;

#[derive(Debug, Default)]
pub(super) struct Tree {
    nodes: Vec<Data>,
    /// Children ids, each node's contiguous.
    kids: Vec<u32>,
    root: u32,
}

impl Data {
    /// Offsets past 4 GiB are cut (no editor sends such a file; the CLI's reader
    /// refuses them long before).
    pub fn new(kind: &'static str, start: usize, end: usize, named: bool) -> Data {
        let at = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        Data {
            kind,
            start: at(start),
            end: at(end),
            flags: if named { NAMED } else { 0 },
            kids: 0..0,
        }
    }
}

impl Tree {
    /// Adds a node whose children are `kids` (already added); returns its id.
    pub fn add(&mut self, data: Data, kids: &[u32]) -> u32 {
        let id = self.nodes.len() as u32;
        let from = self.kids.len() as u32;
        self.kids.extend_from_slice(kids);
        self.nodes.push(Data {
            kids: from..self.kids.len() as u32,
            ..data
        });
        id
    }

    /// Adds a leaf.
    pub fn leaf(&mut self, kind: &'static str, start: usize, end: usize, named: bool) -> u32 {
        self.add(Data::new(kind, start, end, named), &[])
    }

    /// An empty tree with room for about `nodes` nodes.
    pub fn with_capacity(nodes: usize) -> Tree {
        Tree {
            nodes: Vec::with_capacity(nodes),
            kids: Vec::with_capacity(nodes),
            root: 0,
        }
    }

    /// Sets the field (`key` or `val`) of a node already added.
    pub fn set_field(&mut self, id: u32, field: &str) {
        if let Some(d) = self.nodes.get_mut(id as usize) {
            d.flags |= field_flag(Some(field));
        }
    }

    pub fn set_root(&mut self, id: u32) {
        self.root = id;
    }

    pub fn root_node(&self) -> Node<'_> {
        Node {
            tree: self,
            id: self.root,
        }
    }

    /// The start byte of a node already added.
    pub fn start(&self, id: u32) -> usize {
        self.nodes.get(id as usize).map_or(0, |d| d.start as usize)
    }

    /// The end byte of a node already added.
    pub fn end(&self, id: u32) -> usize {
        self.nodes.get(id as usize).map_or(0, |d| d.end as usize)
    }

    /// The tree-sitter tree copied over, comments left out.
    pub fn from_ts(ts: &tree_sitter::Tree) -> Tree {
        let mut t = Tree::default();
        // Iterative post-order walk: (node, field, child ids collected so far).
        let mut c = ts.walk();
        let mut stack: Vec<(tree_sitter::Node<'_>, Option<&'static str>, Vec<u32>)> =
            vec![(c.node(), None, Vec::new())];
        let mut descend = true;
        loop {
            if descend && c.goto_first_child() {
                stack.push((c.node(), c.field_name(), Vec::new()));
                continue;
            }
            // The node at the cursor is complete: add it, then move on.
            let Some((n, field, kids)) = stack.pop() else {
                break;
            };
            let mut d = Data::new(n.kind(), n.start_byte(), n.end_byte(), n.is_named());
            d.flags |= field_flag(field) | if n.is_missing() { MISSING } else { 0 };
            let keep = n.kind() != "comment" || stack.is_empty();
            let id = keep.then(|| t.add(d, &kids));
            match stack.last_mut() {
                None => {
                    t.root = id.unwrap_or(0);
                    break;
                }
                Some(parent) => parent.2.extend(id),
            }
            if c.goto_next_sibling() {
                stack.push((c.node(), c.field_name(), Vec::new()));
                descend = true;
            } else {
                c.goto_parent();
                descend = false;
            }
        }
        t
    }
}

impl Tree {
    /// The tree as indented lines (`kind [start..end]`, fields and anonymous tokens
    /// marked): what two parsers must agree on.
    pub fn dump(&self) -> String {
        let mut out = String::new();
        let mut stack = vec![(self.root_node(), 0usize)];
        while let Some((n, depth)) = stack.pop() {
            let field = n.field().map(|f| format!("{f}: ")).unwrap_or_default();
            let kind = if n.is_named() {
                n.kind().to_string()
            } else {
                format!("'{}'", n.kind())
            };
            let missing = if n.is_missing() { " MISSING" } else { "" };
            out.push_str(&format!(
                "{}{field}{kind} [{}..{}]{missing}\n",
                "  ".repeat(depth),
                n.start_byte(),
                n.end_byte()
            ));
            let kids: Vec<_> = n.children().collect();
            stack.extend(kids.into_iter().rev().map(|k| (k, depth + 1)));
        }
        out
    }
}

fn field_flag(field: Option<&str>) -> u8 {
    match field {
        Some("key") => KEY,
        Some("val") => VAL,
        _ => 0,
    }
}

/// A node of a [`Tree`]: the subset of tree-sitter's `Node` the front end uses.
#[derive(Clone, Copy)]
pub(super) struct Node<'t> {
    tree: &'t Tree,
    id: u32,
}

impl std::fmt::Debug for Node<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} [{}..{}]",
            self.kind(),
            self.start_byte(),
            self.end_byte()
        )
    }
}

impl PartialEq for Node<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.tree, other.tree) && self.id == other.id
    }
}

impl<'t> Node<'t> {
    fn data(&self) -> &'t Data {
        &self.tree.nodes[self.id as usize]
    }

    pub fn kind(&self) -> &'static str {
        self.data().kind
    }

    pub fn start_byte(&self) -> usize {
        self.data().start as usize
    }

    pub fn end_byte(&self) -> usize {
        self.data().end as usize
    }

    pub fn byte_range(&self) -> Range<usize> {
        self.start_byte()..self.end_byte()
    }

    pub fn is_named(&self) -> bool {
        self.data().flags & NAMED != 0
    }

    pub fn is_missing(&self) -> bool {
        self.data().flags & MISSING != 0
    }

    pub fn field(&self) -> Option<&'static str> {
        let f = self.data().flags;
        if f & KEY != 0 {
            Some("key")
        } else if f & VAL != 0 {
            Some("val")
        } else {
            None
        }
    }

    pub fn children(&self) -> impl Iterator<Item = Node<'t>> + 't {
        let tree = self.tree;
        let r = self.data().kids.clone();
        tree.kids[r.start as usize..r.end as usize]
            .iter()
            .map(move |&id| Node { tree, id })
    }

    pub fn named_children(&self) -> impl Iterator<Item = Node<'t>> + 't {
        self.children().filter(Node::is_named)
    }

    pub fn child(&self, i: usize) -> Option<Node<'t>> {
        self.children().nth(i)
    }

    pub fn child_by_field_name(&self, name: &str) -> Option<Node<'t>> {
        self.children().find(|k| k.field() == Some(name))
    }
}
