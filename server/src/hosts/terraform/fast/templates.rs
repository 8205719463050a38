//! Strings and heredocs, read as tree-sitter-hcl's external scanner reads them.

use super::{is_ident_continue, is_space, P, R};

impl P<'_> {
    /// A quoted string at the cursor: (`string_lit` or `quoted_template`, whether it
    /// is a plain `string_lit`). Template literals span their characters as the
    /// grammar's scanner reads them: whitespace before each one is skipped, so a
    /// literal never starts or ends with whitespace.
    pub(super) fn quoted(&mut self) -> R<(u32, bool)> {
        let open = self.named_token("quoted_template_start", 1);
        let mut kids = vec![open];
        let mut lit: Option<(usize, usize)> = None;
        let mut plain = true;
        loop {
            while self.peek().is_some_and(|b| is_space(b) && b != b'\n') {
                self.i += 1;
            }
            let s = &self.s[self.i..];
            let len = match *s.first()? {
                b'\n' => return None,
                b'"' => break,
                b'\\' => match s.get(1)? {
                    b'"' | b'n' | b'r' | b't' | b'\\' => 2,
                    b'u' if s.get(2..6)?.iter().all(u8::is_ascii_hexdigit) => 6,
                    b'U' if s.get(2..10)?.iter().all(u8::is_ascii_hexdigit) => 10,
                    _ => return None,
                },
                _ => {
                    plain &= !self.template_piece(&mut lit, &mut kids)?;
                    continue;
                }
            };
            self.extend(&mut lit, len);
        }
        self.flush(&mut lit, &mut kids);
        kids.push(self.named_token("quoted_template_end", 1));
        let kind = if plain {
            "string_lit"
        } else {
            "quoted_template"
        };
        Some((self.wrap(kind, &kids), plain))
    }

    /// Ends the template literal read so far, if any.
    fn flush(&mut self, lit: &mut Option<(usize, usize)>, kids: &mut Vec<u32>) {
        if let Some((a, b)) = lit.take() {
            kids.push(self.t.leaf("template_literal", a, b, true));
        }
    }

    /// `${ … }` at the cursor.
    fn interpolation(&mut self) -> R<u32> {
        let mut kids = vec![self.named_token("template_interpolation_start", 2)];
        self.trivia()?;
        if self.peek() == Some(b'~') {
            kids.push(self.named_token("strip_marker", 1));
            self.trivia()?;
        }
        if !matches!(self.peek(), Some(b'}' | b'~')) {
            kids.push(self.expression()?);
            self.trivia()?;
        }
        if self.peek() == Some(b'~') {
            kids.push(self.named_token("strip_marker", 1));
            self.trivia()?;
        }
        if self.peek() != Some(b'}') {
            return None;
        }
        kids.push(self.named_token("template_interpolation_end", 1));
        Some(self.wrap("template_interpolation", &kids))
    }

    /// `<<ID` or `<<-ID` … `ID` at the cursor, read as the grammar's scanner does: the
    /// closing marker is the first line whose text after its indentation is the
    /// identifier, followed only by spaces up to the line's end.
    pub(super) fn heredoc(&mut self) -> R<u32> {
        let flush = self.at("<<-");
        let marker = if flush { "<<-" } else { "<<" };
        let m = self.token(marker, marker.len());
        let start = self.wrap("heredoc_start", &[m]);
        let id_at = self.i;
        while self.peek().is_some_and(is_ident_continue) {
            self.i += 1;
        }
        if self.i == id_at {
            return None;
        }
        let ident = &self.s[id_at..self.i];
        let open = self.t.leaf("heredoc_identifier", id_at, self.i, true);
        while self.peek().is_some_and(|b| is_space(b) && b != b'\n') {
            self.i += 1;
        }
        if self.peek() != Some(b'\n') {
            return None;
        }
        let mut kids = vec![start, open];
        let mut lit: Option<(usize, usize)> = None;
        loop {
            let mut newline = false;
            while let Some(b) = self.peek().filter(|b| is_space(*b)) {
                newline |= b == b'\n';
                self.i += 1;
            }
            let s = &self.s[self.i..];
            s.first()?;
            if newline {
                let same = s.iter().zip(ident).take_while(|(a, b)| a == b).count();
                if same == ident.len() {
                    let mut j = self.i + same;
                    while self.s.get(j).is_some_and(|b| is_space(*b) && *b != b'\n') {
                        j += 1;
                    }
                    match self.s.get(j) {
                        Some(b'\n') => {
                            self.flush(&mut lit, &mut kids);
                            kids.push(self.named_token("heredoc_identifier", same));
                            return Some(self.wrap("heredoc_template", &kids));
                        }
                        None => return None,
                        Some(b) => {
                            self.extend(&mut lit, j + utf8_len(*b) - self.i);
                            continue;
                        }
                    }
                }
                if same > 0 {
                    self.extend(&mut lit, same);
                    continue;
                }
            }
            self.template_piece(&mut lit, &mut kids)?;
        }
    }

    /// The template text at the cursor, as quoted strings and heredocs share it: an
    /// interpolation (`true`), or one literal token added to `lit`. Gives up on a
    /// template directive.
    fn template_piece(&mut self, lit: &mut Option<(usize, usize)>, kids: &mut Vec<u32>) -> R<bool> {
        let s = &self.s[self.i..];
        let len = match *s.first()? {
            b'$' if s.get(1) == Some(&b'{') => {
                self.flush(lit, kids);
                kids.push(self.interpolation()?);
                return Some(true);
            }
            b'%' if s.get(1) == Some(&b'{') => return None,
            b'$' | b'%' => escape_len(s),
            b => utf8_len(b),
        };
        self.extend(lit, len);
        Some(false)
    }

    /// Adds the `len` bytes at the cursor to the template literal being read.
    fn extend(&mut self, lit: &mut Option<(usize, usize)>, len: usize) {
        let at = self.i;
        self.i += len;
        *lit = Some((lit.map_or(at, |l| l.0), self.i));
    }
}

/// `$`, `$$`, `$${` (and the same with `%`) at the start of `s`: one literal token.
fn escape_len(s: &[u8]) -> usize {
    match (s.get(1), s.get(2)) {
        (Some(b), Some(b'{')) if *b == s[0] => 3,
        (Some(b), _) if *b == s[0] => 2,
        _ => 1,
    }
}

/// The length of the UTF-8 character starting with `b`.
fn utf8_len(b: u8) -> usize {
    match b {
        0xf0..=0xff => 4,
        0xe0..=0xef => 3,
        0xc0..=0xdf => 2,
        _ => 1,
    }
}
