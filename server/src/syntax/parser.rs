//! Recursive-descent parser with error recovery and a depth bound.

use super::lexer::{Lexer, Tok};
use super::{Array, Key, Member, Node, Object, Parse, Str, SyntaxError, TextRange, Value};
// Only large objects use a map (see `object`).
use crate::FastMap as HashMap;

/// Deeper nesting than this is reported once and skipped. Policies are at most ~6 deep.
pub const MAX_DEPTH: usize = 64;

/// Parses `src`. Never fails; see [`Parse`].
pub fn parse(src: &str) -> Parse {
    let bom_len = if src.starts_with('\u{feff}') { 3 } else { 0 };
    let mut p = Parser {
        lexer: Lexer::new(src, bom_len),
        tok: Tok::Eof,
        range: TextRange::empty(0),
        errors: Vec::new(),
        duplicate_keys: Vec::new(),
        depth_reported: false,
    };
    p.bump();
    let root = if p.tok == Tok::Eof {
        p.error(TextRange::empty(src.len()), "empty document: expected a JSON object such as {\"Version\": \"2012-10-17\", \"Statement\": []}".to_string());
        None
    } else {
        let root = p.value(0);
        // Anything after the root value is an error; report once and keep reading values.
        if p.tok != Tok::Eof {
            let start = p.range.start as usize;
            p.error(
                TextRange::new(start, src.len().max(start)),
                "unexpected content after the end of the document".to_string(),
            );
        }
        root
    };
    Parse {
        root,
        errors: p.errors,
        duplicate_keys: p.duplicate_keys,
        bom_len,
    }
}

struct Parser<'a> {
    lexer: Lexer<'a>,
    tok: Tok,
    range: TextRange,
    errors: Vec<SyntaxError>,
    duplicate_keys: Vec<(TextRange, TextRange)>,
    depth_reported: bool,
}

impl Parser<'_> {
    fn bump(&mut self) -> (Tok, TextRange) {
        let (tok, range) = self.lexer.next(&mut self.errors);
        let prev_tok = std::mem::replace(&mut self.tok, tok);
        let prev_range = std::mem::replace(&mut self.range, range);
        (prev_tok, prev_range)
    }

    fn error(&mut self, range: TextRange, message: String) {
        // Avoid piling several errors on the same spot.
        if self.errors.last().is_some_and(|e| e.range == range) {
            return;
        }
        self.errors.push(SyntaxError { range, message });
    }

    fn starts_value(tok: &Tok) -> bool {
        matches!(
            tok,
            Tok::LBrace
                | Tok::LBracket
                | Tok::Str { .. }
                | Tok::Number(_)
                | Tok::True
                | Tok::False
                | Tok::Null
                | Tok::Garbage(_)
        )
    }

    /// Parses one value at the current token. Returns `None` (after reporting) when the
    /// current token cannot start a value; the token is then not consumed.
    fn value(&mut self, depth: usize) -> Option<Node> {
        match self.tok {
            Tok::LBrace | Tok::LBracket if depth >= MAX_DEPTH => Some(self.skip_deep()),
            Tok::LBrace => Some(self.object(depth)),
            Tok::LBracket => Some(self.array(depth)),
            Tok::Str { .. } => {
                let (tok, range) = self.bump();
                let Tok::Str { text, closed } = tok else {
                    return None;
                };
                Some(Node {
                    range,
                    value: Value::String(Str { text, closed }),
                })
            }
            Tok::Number(_) => {
                let (tok, range) = self.bump();
                let Tok::Number(n) = tok else { return None };
                Some(Node {
                    range,
                    value: Value::Number(n),
                })
            }
            Tok::True | Tok::False | Tok::Null => {
                let (tok, range) = self.bump();
                let value = match tok {
                    Tok::True => Value::Bool(true),
                    Tok::False => Value::Bool(false),
                    _ => Value::Null,
                };
                Some(Node { range, value })
            }
            Tok::Garbage(ref w) => {
                let msg = garbage_message(w);
                let range = self.range;
                self.error(range, msg);
                self.bump();
                Some(Node {
                    range,
                    value: Value::Error,
                })
            }
            _ => None,
        }
    }

    fn skip_deep(&mut self) -> Node {
        let start = self.range.start as usize;
        if !self.depth_reported {
            self.depth_reported = true;
            self.error(
                self.range,
                format!(
                    "nesting deeper than {MAX_DEPTH} levels: the rest of this value is skipped"
                ),
            );
        }
        let mut open = 0usize;
        let mut end = start;
        loop {
            match self.tok {
                Tok::LBrace | Tok::LBracket => open += 1,
                Tok::RBrace | Tok::RBracket => open = open.saturating_sub(1),
                Tok::Eof => break,
                _ => {}
            }
            end = self.range.end as usize;
            self.bump();
            if open == 0 {
                break;
            }
        }
        Node {
            range: TextRange::new(start, end),
            value: Value::Error,
        }
    }

    fn object(&mut self, depth: usize) -> Node {
        let open = self.range;
        self.bump();
        let mut members: Vec<Member> = Vec::new();
        // Keys seen so far, for duplicates: found by a scan of `members` while the object
        // is small, through a map once it is large (built then, so small objects, nearly
        // all of them, never copy their keys).
        let mut seen: Option<HashMap<String, TextRange>> = None;
        let mut closed = false;
        let mut end = open.end as usize;
        // Whether a separator is owed before the next member.
        let mut need_comma = false;
        let mut last_comma: Option<TextRange> = None;
        loop {
            match &self.tok {
                Tok::RBrace => {
                    if let (Some(c), false) = (last_comma, need_comma) {
                        if !members.is_empty() {
                            self.error(c, "trailing comma: remove the `,` before `}`".to_string());
                        }
                    }
                    end = self.range.end as usize;
                    self.bump();
                    closed = true;
                    break;
                }
                Tok::Eof => {
                    self.error(open, "unclosed object: add the missing `}`".to_string());
                    break;
                }
                Tok::RBracket => {
                    // Mismatched close: report, and end this object here so the enclosing
                    // array can take the bracket.
                    self.error(
                        self.range,
                        "expected `}` to close the object, found `]`".to_string(),
                    );
                    break;
                }
                Tok::Comma => {
                    if !need_comma {
                        let msg = if members.is_empty() {
                            "unexpected `,`: expected a property name"
                        } else {
                            "extra `,`: remove it"
                        };
                        self.error(self.range, msg.to_string());
                    }
                    last_comma = Some(self.range);
                    end = self.range.end as usize;
                    self.bump();
                    need_comma = false;
                }
                Tok::Str { .. } => {
                    if need_comma {
                        let at = TextRange::empty(end);
                        self.error(at, "missing `,` between properties".to_string());
                    }
                    let (key_tok, key_range) = self.bump();
                    let Tok::Str {
                        text,
                        closed: key_closed,
                    } = key_tok
                    else {
                        break;
                    };
                    let colon = if self.tok == Tok::Colon {
                        let r = self.range;
                        self.bump();
                        Some(r)
                    } else {
                        let at = TextRange::empty(key_range.end as usize);
                        self.error(at, format!("missing `:` after \"{text}\""));
                        None
                    };
                    let value = if Self::starts_value(&self.tok)
                        && !(colon.is_none()
                            && matches!(self.tok, Tok::Str { .. })
                            && self.looks_like_key())
                    {
                        self.value(depth + 1)
                    } else {
                        None
                    };
                    if value.is_none() && colon.is_some() {
                        let at = TextRange::empty(colon.map_or(key_range.end, |c| c.end) as usize);
                        self.error(at, format!("missing value for \"{text}\""));
                    }
                    const SCAN: usize = 16;
                    if seen.is_none() && members.len() >= SCAN {
                        let mut map = HashMap::with_capacity_and_hasher(
                            members.len() * 2,
                            Default::default(),
                        );
                        for m in &members {
                            map.entry(m.key.text.clone()).or_insert(m.key.range);
                        }
                        seen = Some(map);
                    }
                    let first = match &mut seen {
                        None => members
                            .iter()
                            .find(|m| m.key.text == text)
                            .map(|m| m.key.range),
                        Some(map) => match map.get(&text) {
                            Some(r) => Some(*r),
                            None => {
                                map.insert(text.clone(), key_range);
                                None
                            }
                        },
                    };
                    if let Some(first) = first {
                        self.duplicate_keys.push((first, key_range));
                    }
                    let member = Member {
                        key: Key {
                            text,
                            range: key_range,
                            closed: key_closed,
                        },
                        value,
                        colon,
                    };
                    end = member.range().end as usize;
                    members.push(member);
                    need_comma = true;
                    last_comma = None;
                }
                Tok::Colon => {
                    self.error(
                        self.range,
                        "unexpected `:`: expected a property name in double quotes".to_string(),
                    );
                    self.bump();
                }
                Tok::Garbage(w) if w.chars().next().is_some_and(char::is_alphabetic) => {
                    let w = w.clone();
                    // An unquoted property name: read it as a key so the rest recovers.
                    self.error(
                        self.range,
                        format!("property names must be in double quotes: \"{w}\""),
                    );
                    self.tok = Tok::Str {
                        text: w,
                        closed: false,
                    };
                }
                Tok::Garbage(w) => {
                    let msg = garbage_message(w);
                    self.error(self.range, msg);
                    end = self.range.end as usize;
                    self.bump();
                }
                _ => {
                    // A value where a key was expected (`{ 1 }`, `{ [ ] }`): read and drop it.
                    let r = self.range;
                    self.error(r, "expected a property name in double quotes".to_string());
                    if let Some(v) = self.value(depth + 1) {
                        end = v.range.end as usize;
                    } else {
                        self.bump();
                    }
                }
            }
        }
        Node {
            range: TextRange::new(open.start as usize, end),
            value: Value::Object(Object { members, closed }),
        }
    }

    /// After a key with no colon, is the following string another key (`"a" "b": 1`)?
    fn looks_like_key(&self) -> bool {
        // Peek: clone the lexer state cheaply by re-lexing the next token.
        let mut probe = Lexer::new(self.lexer_src(), self.range.end as usize);
        let mut sink = Vec::new();
        matches!(probe.next(&mut sink).0, Tok::Colon)
    }

    fn lexer_src(&self) -> &str {
        self.lexer.src()
    }

    fn array(&mut self, depth: usize) -> Node {
        let open = self.range;
        self.bump();
        let mut items = Vec::new();
        let mut closed = false;
        let mut end = open.end as usize;
        let mut need_comma = false;
        let mut last_comma: Option<TextRange> = None;
        loop {
            match self.tok {
                Tok::RBracket => {
                    if let (Some(c), false) = (last_comma, need_comma) {
                        if !items.is_empty() {
                            self.error(c, "trailing comma: remove the `,` before `]`".to_string());
                        }
                    }
                    end = self.range.end as usize;
                    self.bump();
                    closed = true;
                    break;
                }
                Tok::Eof => {
                    self.error(open, "unclosed array: add the missing `]`".to_string());
                    break;
                }
                Tok::RBrace => {
                    self.error(
                        self.range,
                        "expected `]` to close the array, found `}`".to_string(),
                    );
                    break;
                }
                Tok::Comma => {
                    if !need_comma {
                        let msg = if items.is_empty() {
                            "unexpected `,`: expected a value"
                        } else {
                            "extra `,`: remove it"
                        };
                        self.error(self.range, msg.to_string());
                    }
                    last_comma = Some(self.range);
                    end = self.range.end as usize;
                    self.bump();
                    need_comma = false;
                }
                Tok::Colon => {
                    self.error(self.range, "unexpected `:` in an array".to_string());
                    self.bump();
                }
                _ => {
                    if need_comma {
                        self.error(
                            TextRange::empty(end),
                            "missing `,` between array items".to_string(),
                        );
                    }
                    match self.value(depth + 1) {
                        Some(v) => {
                            end = v.range.end as usize;
                            items.push(v);
                        }
                        None => {
                            self.bump();
                        }
                    }
                    need_comma = true;
                    last_comma = None;
                }
            }
        }
        Node {
            range: TextRange::new(open.start as usize, end),
            value: Value::Array(Array { items, closed }),
        }
    }
}

fn garbage_message(w: &str) -> String {
    match w {
        "True" | "TRUE" => "invalid literal: JSON booleans are lowercase `true`".to_string(),
        "False" | "FALSE" => "invalid literal: JSON booleans are lowercase `false`".to_string(),
        "None" | "NULL" | "Null" | "nil" => {
            "invalid literal: JSON's null is lowercase `null`".to_string()
        }
        "'" => "single quotes are not JSON: use double quotes".to_string(),
        "/" | "//" => "comments are not allowed in JSON (and IAM rejects them)".to_string(),
        _ if w.starts_with('\'') => "single quotes are not JSON: use double quotes".to_string(),
        _ if w.chars().next().is_some_and(char::is_alphabetic) => {
            format!("unexpected word `{w}`: strings must be in double quotes")
        }
        _ => format!("unexpected character `{w}`"),
    }
}
