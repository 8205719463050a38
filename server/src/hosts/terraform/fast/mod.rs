//! A fast reader for `.tf` files without syntax errors. tree-sitter's HCL grammar
//! reads strings and heredocs one character per token and keeps several parse stacks
//! alive on every expression, about 1.4 MB/s; this reads the same language in one pass
//! and builds the same tree (kinds, fields, byte ranges, comments left out), so the
//! front end cannot tell them apart. It gives up, returning `None`, on the first thing
//! it is not sure to read exactly as tree-sitter does (any syntax error, a template
//! directive, unusual Unicode, very deep nesting); the caller then reads the file with
//! tree-sitter, which also reports the errors. `tests.rs` compares both trees on every
//! `.tf` file of the corpora.

mod templates;

use super::tree::{Data, Tree};

/// Nesting read at most before handing the file to tree-sitter.
const MAX_DEPTH: usize = 128;

/// Gives up on the file.
type R<T> = Option<T>;

/// The tree of `text`, or `None` to read it with tree-sitter.
pub(super) fn parse(text: &str) -> Option<Tree> {
    if text
        .chars()
        .any(|c| c == '\0' || c == '\u{feff}' || (!c.is_ascii() && c.is_whitespace()))
    {
        return None;
    }
    let mut p = P {
        s: text.as_bytes(),
        i: 0,
        // About one node every four bytes in policy-heavy files: one allocation.
        t: Tree::with_capacity(text.len() / 4),
        depth: 0,
    };
    p.trivia()?;
    if p.peek() == Some(b'{') {
        return None; // a JSON-shaped `.tfvars` object: rare in `.tf`
    }
    let items = p.body_items()?;
    if p.i < p.s.len() {
        return None;
    }
    let mut kids = Vec::new();
    if !items.is_empty() {
        kids.push(p.wrap("body", &items));
    }
    let root =
        p.t.add(Data::new("config_file", 0, text.len(), true), &kids);
    p.t.set_root(root);
    Some(p.t)
}

struct P<'a> {
    s: &'a [u8],
    i: usize,
    t: Tree,
    depth: usize,
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident_continue(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// tree-sitter's `\s` and the scanner's `iswspace` on ASCII.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Binary operators and their precedence (tree-sitter-hcl's table).
fn binary_op(s: &[u8]) -> Option<(&'static str, u8)> {
    let two = s.get(..2).unwrap_or(s);
    Some(match two {
        b">=" => (">=", 4),
        b"<=" => ("<=", 4),
        b"==" => ("==", 3),
        b"!=" => ("!=", 3),
        b"&&" => ("&&", 2),
        b"||" => ("||", 1),
        _ => match s.first()? {
            b'*' => ("*", 6),
            b'/' => ("/", 6),
            b'%' => ("%", 6),
            b'+' => ("+", 5),
            b'-' => ("-", 5),
            b'>' => (">", 4),
            b'<' if s.get(1) != Some(&b'<') => ("<", 4),
            _ => return None,
        },
    })
}

impl P<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn at(&self, lit: &str) -> bool {
        self.s[self.i..].starts_with(lit.as_bytes())
    }

    /// Skips whitespace and comments; gives up on an unclosed `/*`.
    fn trivia(&mut self) -> R<()> {
        loop {
            match self.peek() {
                Some(b) if is_space(b) => self.i += 1,
                Some(b'#') => self.line_comment(),
                Some(b'/') if self.s.get(self.i + 1) == Some(&b'/') => self.line_comment(),
                Some(b'/') if self.s.get(self.i + 1) == Some(&b'*') => {
                    let rest = &self.s[self.i + 2..];
                    let close = rest.windows(2).position(|w| w == b"*/")?;
                    self.i += 2 + close + 2;
                }
                _ => return Some(()),
            }
        }
    }

    fn line_comment(&mut self) {
        while self.peek().is_some_and(|b| b != b'\n') {
            self.i += 1;
        }
    }

    /// An anonymous token of `len` bytes at the cursor.
    fn token(&mut self, kind: &'static str, len: usize) -> u32 {
        self.leaf(kind, len, false)
    }

    /// A named leaf of `len` bytes at the cursor (`identifier`, `ellipsis`, ...).
    fn named_token(&mut self, kind: &'static str, len: usize) -> u32 {
        self.leaf(kind, len, true)
    }

    fn leaf(&mut self, kind: &'static str, len: usize, named: bool) -> u32 {
        let start = self.i;
        self.i += len;
        self.t.leaf(kind, start, self.i, named)
    }

    /// The anonymous token `lit`, after trivia, or give up.
    fn expect(&mut self, lit: &'static str) -> R<u32> {
        self.trivia()?;
        self.at(lit).then(|| self.token(lit, lit.len()))
    }

    /// A named node wrapping one anonymous token (`block_start` around `{`).
    fn wrapped_token(&mut self, kind: &'static str, lit: &'static str) -> R<u32> {
        let k = self.expect(lit)?;
        Some(self.wrap(kind, &[k]))
    }

    /// A named node spanning its children.
    fn wrap(&mut self, kind: &'static str, kids: &[u32]) -> u32 {
        let (start, end) = self.span(kids);
        self.t.add(Data::new(kind, start, end, true), kids)
    }

    fn span(&self, kids: &[u32]) -> (usize, usize) {
        let first = kids.first().map_or(self.i, |k| self.t.start(*k));
        let last = kids.last().map_or(self.i, |k| self.t.end(*k));
        (first, last)
    }

    /// The identifier lexeme at the cursor (no trivia skipped), without consuming it.
    fn ident_len(&self) -> usize {
        let s = &self.s[self.i..];
        if !s.first().copied().is_some_and(is_ident_start) {
            return 0;
        }
        let mut n = 1;
        loop {
            match s.get(n) {
                Some(&b) if is_ident_continue(b) => n += 1,
                Some(b':') if s.get(n + 1) == Some(&b':') => n += 2,
                _ => return n,
            }
        }
    }

    /// An identifier after trivia, or give up (a non-ASCII identifier included).
    fn identifier(&mut self) -> R<u32> {
        self.trivia()?;
        let n = self.ident_len();
        if n == 0 {
            return None;
        }
        Some(self.named_token("identifier", n))
    }

    /// Whether the next lexeme (after trivia) is the keyword `kw`.
    fn at_keyword(&mut self, kw: &str) -> R<bool> {
        self.trivia()?;
        Some(self.ident_len() == kw.len() && self.at(kw))
    }

    /// Attributes and blocks up to a `}` or the end.
    fn body_items(&mut self) -> R<Vec<u32>> {
        let mut items = Vec::new();
        loop {
            self.trivia()?;
            match self.peek() {
                None | Some(b'}') => return Some(items),
                _ => items.push(self.item()?),
            }
        }
    }

    fn item(&mut self) -> R<u32> {
        let name = self.identifier()?;
        let word = &self.s[self.t.start(name)..self.t.end(name)];
        if matches!(word, b"true" | b"false" | b"null" | b"for" | b"in" | b"if") {
            return None;
        }
        self.trivia()?;
        if self.peek() == Some(b'=') {
            if matches!(self.s.get(self.i + 1), Some(b'=' | b'>')) {
                return None;
            }
            let eq = self.token("=", 1);
            let value = self.expression()?;
            return Some(self.wrap("attribute", &[name, eq, value]));
        }
        let mut kids = vec![name];
        loop {
            self.trivia()?;
            match self.peek() {
                Some(b'"') => {
                    let (node, plain) = self.quoted()?;
                    if !plain {
                        return None;
                    }
                    kids.push(node);
                }
                Some(b'{') => break,
                _ => kids.push(self.identifier()?),
            }
        }
        kids.push(self.wrapped_token("block_start", "{")?);
        self.enter()?;
        let items = self.body_items()?;
        self.depth -= 1;
        if !items.is_empty() {
            kids.push(self.wrap("body", &items));
        }
        kids.push(self.wrapped_token("block_end", "}")?);
        Some(self.wrap("block", &kids))
    }

    fn enter(&mut self) -> R<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// `expression`: a term, or conditionals (left-associative, as tree-sitter reads
    /// `a ? b : c ? d : e`: the first conditional is the second one's condition).
    fn expression(&mut self) -> R<u32> {
        self.enter()?;
        let term = self.term()?;
        let mut e = self.wrap("expression", &term);
        loop {
            self.trivia()?;
            if self.peek() != Some(b'?') {
                break;
            }
            let q = self.token("?", 1);
            let yes = self.expression()?;
            let colon = self.expect(":")?;
            let term = self.term()?;
            let no = self.wrap("expression", &term);
            let c = self.wrap("conditional", &[e, q, yes, colon, no]);
            e = self.wrap("expression", &[c]);
        }
        self.depth -= 1;
        Some(e)
    }

    /// A term: operands, binary operators and postfix parts, flattened as
    /// tree-sitter's hidden `_expr_term` is. Its LR table reduces every pending
    /// operator before a postfix part, so `a + b.c` is `(a + b).c`.
    fn term(&mut self) -> R<Vec<u32>> {
        let mut operands: Vec<Vec<u32>> = Vec::new();
        let mut ops: Vec<(u32, u8)> = Vec::new();
        loop {
            let operand = self.operand()?;
            operands.push(operand);
            loop {
                self.trivia()?;
                match self.postfix()? {
                    Some(part) => {
                        self.reduce(&mut operands, &mut ops, 0);
                        operands.last_mut()?.push(part);
                    }
                    None => break,
                }
            }
            match binary_op(&self.s[self.i..]) {
                Some((op, prec)) => {
                    self.reduce(&mut operands, &mut ops, prec);
                    let tok = self.token(op, op.len());
                    ops.push((tok, prec));
                }
                None => {
                    self.reduce(&mut operands, &mut ops, 0);
                    return operands.pop();
                }
            }
        }
    }

    /// Folds the pending operators whose precedence is at least `min`.
    fn reduce(&mut self, operands: &mut Vec<Vec<u32>>, ops: &mut Vec<(u32, u8)>, min: u8) {
        while let Some(&(op, prec)) = ops.last() {
            if prec < min {
                break;
            }
            ops.pop();
            let (Some(right), Some(mut left)) = (operands.pop(), operands.pop()) else {
                return;
            };
            left.push(op);
            left.extend(right);
            let b = self.wrap("binary_operation", &left);
            operands.push(vec![self.wrap("operation", &[b])]);
        }
    }

    /// An operand: a unary operation or a primary, without postfix parts.
    fn operand(&mut self) -> R<Vec<u32>> {
        self.trivia()?;
        let b = self.peek()?;
        match b {
            b'-' | b'!' => {
                if self.s.get(self.i + 1) == Some(&b'=') {
                    return None;
                }
                let op = self.token(if b == b'-' { "-" } else { "!" }, 1);
                self.enter()?;
                let mut kids = vec![op];
                kids.extend(self.operand()?);
                self.depth -= 1;
                let u = self.wrap("unary_operation", &kids);
                Some(vec![self.wrap("operation", &[u])])
            }
            b'(' => {
                let open = self.token("(", 1);
                let e = self.expression()?;
                let close = self.expect(")")?;
                Some(vec![open, e, close])
            }
            b'0'..=b'9' => {
                let n = self.number()?;
                Some(vec![self.wrap("literal_value", &[n])])
            }
            b'"' => {
                let (node, plain) = self.quoted()?;
                let kind = if plain {
                    "literal_value"
                } else {
                    "template_expr"
                };
                Some(vec![self.wrap(kind, &[node])])
            }
            b'<' if self.at("<<") => {
                let h = self.heredoc()?;
                Some(vec![self.wrap("template_expr", &[h])])
            }
            b'[' => self.tuple(),
            b'{' => self.object(),
            _ => self.word(),
        }
    }

    /// `true`, `false`, `null`, a function call or a variable.
    fn word(&mut self) -> R<Vec<u32>> {
        let n = self.ident_len();
        let word = self.s.get(self.i..self.i + n)?;
        match word {
            b"" => None,
            b"true" | b"false" => {
                let t = self.token(if word == b"true" { "true" } else { "false" }, n);
                let b = self.wrap("bool_lit", &[t]);
                Some(vec![self.wrap("literal_value", &[b])])
            }
            b"null" => {
                let l = self.named_token("null_lit", n);
                Some(vec![self.wrap("literal_value", &[l])])
            }
            b"for" | b"in" | b"if" => None,
            _ => {
                let id = self.identifier()?;
                self.trivia()?;
                if self.peek() == Some(b'(') {
                    return self.call(id).map(|c| vec![c]);
                }
                Some(vec![self.wrap("variable_expr", &[id])])
            }
        }
    }

    fn call(&mut self, name: u32) -> R<u32> {
        let open = self.token("(", 1);
        let mut kids = vec![name, open];
        self.trivia()?;
        if self.peek() != Some(b')') {
            let mut args = vec![self.expression()?];
            loop {
                self.trivia()?;
                if self.at("...") {
                    args.push(self.named_token("ellipsis", 3));
                    break;
                }
                if self.peek() != Some(b',') {
                    break;
                }
                args.push(self.token(",", 1));
                self.trivia()?;
                if self.peek() == Some(b')') {
                    break;
                }
                args.push(self.expression()?);
            }
            kids.push(self.wrap("function_arguments", &args));
        }
        kids.push(self.expect(")")?);
        Some(self.wrap("function_call", &kids))
    }

    /// A postfix part at the cursor: attribute, index or splat.
    fn postfix(&mut self) -> R<Option<u32>> {
        let s = &self.s[self.i..];
        if s.starts_with(b"...") {
            return Some(None);
        }
        if s.starts_with(b".*") {
            let t = self.token(".*", 2);
            return self.splat("attr_splat", t).map(Some);
        }
        if s.starts_with(b"[*]") {
            let t = self.token("[*]", 3);
            return self.splat("full_splat", t).map(Some);
        }
        match s.first() {
            Some(b'.') | Some(b'[') => self.access().map(Some),
            _ => Some(None),
        }
    }

    /// `get_attr` or `index` at the cursor.
    fn access(&mut self) -> R<u32> {
        if self.peek() == Some(b'[') {
            let open = self.token("[", 1);
            let e = self.expression()?;
            let close = self.expect("]")?;
            let n = self.wrap("new_index", &[open, e, close]);
            return Some(self.wrap("index", &[n]));
        }
        let dot = self.token(".", 1);
        self.trivia()?;
        if self.peek().is_some_and(|b| b.is_ascii_digit()) {
            let start = self.t.start(dot);
            while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                self.i += 1;
            }
            let l = self
                .t
                .add(Data::new("legacy_index", start, self.i, true), &[dot]);
            return Some(self.wrap("index", &[l]));
        }
        let id = self.identifier()?;
        Some(self.wrap("get_attr", &[dot, id]))
    }

    /// A splat and the attributes and indexes it takes after it.
    fn splat(&mut self, kind: &'static str, tok: u32) -> R<u32> {
        let mut kids = vec![tok];
        loop {
            self.trivia()?;
            let s = &self.s[self.i..];
            if s.starts_with(b"...") || s.starts_with(b".*") || s.starts_with(b"[*]") {
                break;
            }
            match s.first() {
                Some(b'.') | Some(b'[') => kids.push(self.access()?),
                _ => break,
            }
        }
        let inner = self.wrap(kind, &kids);
        Some(self.wrap("splat", &[inner]))
    }

    /// `[0-9]+(\.[0-9]+([eE][-+]?[0-9]+)?)?` or `0x[0-9a-zA-Z]+`.
    fn number(&mut self) -> R<u32> {
        let start = self.i;
        let s = self.s;
        let digits = |mut j: usize| {
            while s.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            j
        };
        let hex_end = {
            let mut j = start + 2;
            while s.get(j).is_some_and(u8::is_ascii_alphanumeric) {
                j += 1;
            }
            j
        };
        let mut j = digits(start);
        if s[start..].starts_with(b"0x") && hex_end > start + 2 {
            j = hex_end;
        } else if s.get(j) == Some(&b'.') && s.get(j + 1).is_some_and(u8::is_ascii_digit) {
            j = digits(j + 1);
            if matches!(s.get(j), Some(b'e' | b'E')) {
                let k = j + 1 + usize::from(matches!(s.get(j + 1), Some(b'+' | b'-')));
                if s.get(k).is_some_and(u8::is_ascii_digit) {
                    j = digits(k);
                }
            }
        }
        if s.get(j).copied().is_some_and(is_ident_continue) {
            return None;
        }
        self.i = j;
        Some(self.t.leaf("numeric_lit", start, j, true))
    }

    fn tuple(&mut self) -> R<Vec<u32>> {
        let open = self.wrapped_token("tuple_start", "[")?;
        self.enter()?;
        if self.at_keyword("for")? {
            let f = self.for_expr(open, "tuple_end", "]")?;
            self.depth -= 1;
            return Some(vec![f]);
        }
        let mut kids = vec![open];
        self.trivia()?;
        while self.peek() != Some(b']') {
            kids.push(self.expression()?);
            self.trivia()?;
            if self.peek() != Some(b',') {
                break;
            }
            kids.push(self.token(",", 1));
            self.trivia()?;
        }
        kids.push(self.wrapped_token("tuple_end", "]")?);
        self.depth -= 1;
        let t = self.wrap("tuple", &kids);
        Some(vec![self.wrap("collection_value", &[t])])
    }

    fn object(&mut self) -> R<Vec<u32>> {
        let open = self.wrapped_token("object_start", "{")?;
        self.enter()?;
        if self.at_keyword("for")? {
            let f = self.for_expr(open, "object_end", "}")?;
            self.depth -= 1;
            return Some(vec![f]);
        }
        let mut kids = vec![open];
        loop {
            self.trivia()?;
            if self.peek() == Some(b'}') {
                break;
            }
            let key = self.expression()?;
            self.t.set_field(key, "key");
            self.trivia()?;
            let sep = match self.peek() {
                Some(b'=') if !matches!(self.s.get(self.i + 1), Some(b'=' | b'>')) => "=",
                Some(b':') => ":",
                _ => return None,
            };
            let sep = self.token(sep, 1);
            let val = self.expression()?;
            self.t.set_field(val, "val");
            kids.push(self.wrap("object_elem", &[key, sep, val]));
            self.trivia()?;
            if self.peek() == Some(b',') {
                kids.push(self.token(",", 1));
            }
        }
        kids.push(self.wrapped_token("object_end", "}")?);
        self.depth -= 1;
        let o = self.wrap("object", &kids);
        Some(vec![self.wrap("collection_value", &[o])])
    }

    /// `[for …]` or `{for …}`, after its opening bracket.
    fn for_expr(&mut self, open: u32, end_kind: &'static str, end: &'static str) -> R<u32> {
        let mut intro = vec![self.token("for", 3), self.identifier()?];
        self.trivia()?;
        if self.peek() == Some(b',') {
            intro.push(self.token(",", 1));
            intro.push(self.identifier()?);
        }
        if !self.at_keyword("in")? {
            return None;
        }
        intro.push(self.token("in", 2));
        intro.push(self.expression()?);
        intro.push(self.expect(":")?);
        let mut kids = vec![open, self.wrap("for_intro", &intro)];
        kids.push(self.expression()?);
        let kind = if end == "}" {
            kids.push(self.expect("=>")?);
            kids.push(self.expression()?);
            self.trivia()?;
            if self.at("...") {
                kids.push(self.named_token("ellipsis", 3));
            }
            "for_object_expr"
        } else {
            "for_tuple_expr"
        };
        if self.at_keyword("if")? {
            let kw = self.token("if", 2);
            let cond = self.expression()?;
            kids.push(self.wrap("for_cond", &[kw, cond]));
        }
        kids.push(self.wrapped_token(end_kind, end)?);
        let f = self.wrap(kind, &kids);
        Some(self.wrap("for_expr", &[f]))
    }
}
