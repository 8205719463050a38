//! Tokenizer for the tolerant parser. Produces tokens lazily; never fails.

use super::{SyntaxError, TextRange};

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tok {
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    Colon,
    Comma,
    Str {
        text: String,
        closed: bool,
    },
    Number(String),
    True,
    False,
    Null,
    /// A run of characters that is not JSON (a bare word, a stray symbol).
    Garbage(String),
    Eof,
}

pub(crate) struct Lexer<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Lexer<'a> {
    pub(crate) fn new(src: &'a str, start: usize) -> Lexer<'a> {
        Lexer { src, pos: start }
    }

    pub(crate) fn src(&self) -> &'a str {
        self.src
    }

    pub(crate) fn next(&mut self, errors: &mut Vec<SyntaxError>) -> (Tok, TextRange) {
        let bytes = self.src.as_bytes();
        self.pos += bytes
            .get(self.pos..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
            .count();
        let start = self.pos;
        let Some(&b) = bytes.get(start) else {
            return (Tok::Eof, TextRange::empty(start));
        };
        let single = |this: &mut Self, t: Tok| {
            this.pos += 1;
            (t, TextRange::new(start, start + 1))
        };
        match b {
            b'{' => single(self, Tok::LBrace),
            b'}' => single(self, Tok::RBrace),
            b'[' => single(self, Tok::LBracket),
            b']' => single(self, Tok::RBracket),
            b':' => single(self, Tok::Colon),
            b',' => single(self, Tok::Comma),
            b'"' => self.string(errors),
            b'\'' => {
                // Single-quoted string: not JSON, but read it as a string to recover.
                let line_end = self.src[start..]
                    .find('\n')
                    .map_or(bytes.len(), |i| start + i);
                let end = self.src[start + 1..line_end]
                    .find('\'')
                    .map(|i| start + 1 + i + 1);
                let (text_end, end, closed) = match end {
                    Some(e) => (e - 1, e, true),
                    None => (line_end, line_end, false),
                };
                errors.push(SyntaxError {
                    range: TextRange::new(start, end),
                    message: "single quotes are not JSON: use double quotes".to_string(),
                });
                self.pos = end;
                (
                    Tok::Str {
                        text: self.src[start + 1..text_end].to_string(),
                        closed,
                    },
                    TextRange::new(start, end),
                )
            }
            b'-' | b'0'..=b'9' => self.number(errors),
            b'/' if matches!(bytes.get(start + 1), Some(b'/' | b'*')) => {
                // A comment: one token up to the end of the line or the closing `*/`.
                let end = if bytes[start + 1] == b'/' {
                    self.src[start..]
                        .find('\n')
                        .map_or(bytes.len(), |i| start + i)
                } else {
                    self.src[start + 2..]
                        .find("*/")
                        .map_or(bytes.len(), |i| start + 2 + i + 2)
                };
                self.pos = end;
                (Tok::Garbage("//".to_string()), TextRange::new(start, end))
            }
            _ => {
                // A word (true/false/null or garbage) or a single stray character.
                let end = self.word_end(start);
                self.pos = end;
                let word = &self.src[start..end];
                let tok = match word {
                    "true" => Tok::True,
                    "false" => Tok::False,
                    "null" => Tok::Null,
                    _ => Tok::Garbage(word.to_string()),
                };
                (tok, TextRange::new(start, end))
            }
        }
    }

    fn word_end(&self, start: usize) -> usize {
        let rest = &self.src[start..];
        let mut end = start;
        for (i, c) in rest.char_indices() {
            let stop = c.is_whitespace() || matches!(c, '{' | '}' | '[' | ']' | ':' | ',' | '"');
            if stop {
                break;
            }
            end = start + i + c.len_utf8();
            // A lone non-word character is a token of its own.
            if i == 0 && !(c.is_alphanumeric() || c == '_' || c == '$' || c == '.') {
                break;
            }
            if i > 0
                && !(c.is_alphanumeric()
                    || c == '_'
                    || c == '$'
                    || c == '.'
                    || c == '-'
                    || c == '+')
            {
                end = start + i;
                break;
            }
        }
        if end == start {
            // At least one character, whatever it is.
            end = start + rest.chars().next().map_or(1, char::len_utf8);
        }
        end
    }

    fn number(&mut self, errors: &mut Vec<SyntaxError>) -> (Tok, TextRange) {
        let bytes = self.src.as_bytes();
        let start = self.pos;
        let mut i = start;
        while i < bytes.len() && matches!(bytes[i], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
        {
            i += 1;
        }
        self.pos = i;
        let text = &self.src[start..i];
        let range = TextRange::new(start, i);
        if !valid_number(text) {
            errors.push(SyntaxError {
                range,
                message: format!("invalid number `{text}`"),
            });
        }
        (Tok::Number(text.to_string()), range)
    }

    fn string(&mut self, errors: &mut Vec<SyntaxError>) -> (Tok, TextRange) {
        let src = self.src;
        let start = self.pos;
        let mut i = start + 1;
        let mut text = String::new();
        let bytes = src.as_bytes();
        let mut run_start = i;
        loop {
            let Some(&b) = bytes.get(i) else {
                text.push_str(&src[run_start..i]);
                errors.push(SyntaxError {
                    range: TextRange::new(start, i),
                    message: "unterminated string: add the closing `\"`".to_string(),
                });
                self.pos = i;
                return (
                    Tok::Str {
                        text,
                        closed: false,
                    },
                    TextRange::new(start, i),
                );
            };
            match b {
                b'"' => {
                    text.push_str(&src[run_start..i]);
                    self.pos = i + 1;
                    return (
                        Tok::Str { text, closed: true },
                        TextRange::new(start, i + 1),
                    );
                }
                b'\n' | b'\r' => {
                    // A string cannot span lines in JSON: treat the line end as the end of
                    // an unterminated string so the next line still parses.
                    text.push_str(&src[run_start..i]);
                    errors.push(SyntaxError {
                        range: TextRange::new(start, i),
                        message:
                            "unterminated string: add the closing `\"` before the end of the line"
                                .to_string(),
                    });
                    self.pos = i;
                    return (
                        Tok::Str {
                            text,
                            closed: false,
                        },
                        TextRange::new(start, i),
                    );
                }
                b'\\' => {
                    text.push_str(&src[run_start..i]);
                    i = self.escape(i, &mut text, errors);
                    run_start = i;
                }
                // Ordinary characters: skip the run up to the next byte that needs a look.
                0x20.. => {
                    i += 1 + bytes[i + 1..]
                        .iter()
                        .take_while(|&&b| b >= 0x20 && b != b'"' && b != b'\\')
                        .count();
                }
                0x00..=0x1f => {
                    text.push_str(&src[run_start..i]);
                    errors.push(SyntaxError {
                        range: TextRange::new(i, i + 1),
                        message: format!("control character U+{b:04X} must be escaped in a string"),
                    });
                    text.push(b as char);
                    i += 1;
                    run_start = i;
                }
            }
        }
    }

    /// Decodes the escape at `i` (which holds the backslash); returns the index after it.
    fn escape(&self, i: usize, text: &mut String, errors: &mut Vec<SyntaxError>) -> usize {
        let bytes = self.src.as_bytes();
        let Some(&c) = bytes.get(i + 1) else {
            return i + 1;
        };
        let simple = match c {
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            b'/' => Some('/'),
            b'b' => Some('\u{8}'),
            b'f' => Some('\u{c}'),
            b'n' => Some('\n'),
            b'r' => Some('\r'),
            b't' => Some('\t'),
            _ => None,
        };
        if let Some(ch) = simple {
            text.push(ch);
            return i + 2;
        }
        if c == b'u' {
            let Some(hi) = self.hex4(i + 2) else {
                let end = (i + 2..(i + 6).min(bytes.len()))
                    .take_while(|&j| bytes[j].is_ascii_hexdigit())
                    .last()
                    .map_or(i + 2, |j| j + 1);
                errors.push(SyntaxError {
                    range: TextRange::new(i, end),
                    message: "invalid unicode escape: `\\u` needs four hex digits".to_string(),
                });
                text.push('\u{FFFD}');
                return end;
            };
            if (0xD800..0xDC00).contains(&hi) {
                // A high surrogate must be followed by `\uDC00`..`\uDFFF`.
                if bytes.get(i + 6) == Some(&b'\\') && bytes.get(i + 7) == Some(&b'u') {
                    if let Some(lo) = self.hex4(i + 8) {
                        if (0xDC00..0xE000).contains(&lo) {
                            let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                            text.push(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                            return i + 12;
                        }
                    }
                }
                errors.push(SyntaxError {
                    range: TextRange::new(i, i + 6),
                    message: format!("invalid unicode escape: lone surrogate `\\u{hi:04X}`"),
                });
                text.push('\u{FFFD}');
                return i + 6;
            }
            if (0xDC00..0xE000).contains(&hi) {
                errors.push(SyntaxError {
                    range: TextRange::new(i, i + 6),
                    message: format!("invalid unicode escape: lone surrogate `\\u{hi:04X}`"),
                });
                text.push('\u{FFFD}');
                return i + 6;
            }
            text.push(char::from_u32(hi).unwrap_or('\u{FFFD}'));
            return i + 6;
        }
        // Invalid escape: keep the character, report the two-character sequence.
        let ch_len = self.src[i + 1..].chars().next().map_or(1, char::len_utf8);
        let esc = &self.src[i..i + 1 + ch_len];
        errors.push(SyntaxError {
            range: TextRange::new(i, i + 1 + ch_len),
            message: format!("invalid escape `{esc}`: only \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX are allowed"),
        });
        text.push_str(&esc[1..]);
        i + 1 + ch_len
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let s = self.src.get(at..at + 4)?;
        if !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(s, 16).ok()
    }
}

fn valid_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            while matches!(b.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !matches!(b.get(i), Some(b'0'..=b'9')) {
            return false;
        }
        while matches!(b.get(i), Some(b'0'..=b'9')) {
            i += 1;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !matches!(b.get(i), Some(b'0'..=b'9')) {
            return false;
        }
        while matches!(b.get(i), Some(b'0'..=b'9')) {
            i += 1;
        }
    }
    i == b.len()
}
