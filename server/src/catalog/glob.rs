//! Small iterative glob engine shared by IAM wildcard matching and condition-key
//! templates. No recursion; worst case O(pattern × text).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tok {
    /// One literal (already lowercased) character.
    Lit(char),
    /// Exactly one character.
    One,
    /// Any run of characters, possibly empty.
    Any,
}

/// Lowercase a string into chars (full Unicode lowercase mapping).
pub(crate) fn lower_chars(s: &str) -> Vec<char> {
    let mut out = Vec::new();
    lower_chars_into(s, &mut out);
    out
}

/// [`lower_chars`] into `out` (cleared first), for callers that reuse one buffer.
pub(crate) fn lower_chars_into(s: &str, out: &mut Vec<char>) {
    out.clear();
    out.extend(s.chars().flat_map(char::to_lowercase));
}

/// IAM-style pattern → tokens: `*` any run, `?` one char, everything else literal.
pub(crate) fn iam_tokens(pattern: &str) -> Vec<Tok> {
    let mut out = Vec::with_capacity(pattern.len());
    for c in lower_chars(pattern) {
        let t = match c {
            '*' => Tok::Any,
            '?' => Tok::One,
            c => Tok::Lit(c),
        };
        // Collapse runs of `*`: they are equivalent to one.
        if t == Tok::Any && out.last() == Some(&Tok::Any) {
            continue;
        }
        out.push(t);
    }
    out
}

/// Byte offset of a literal `tag-key` placeholder: some keys are documented as
/// `secretsmanager:ResourceTag/tag-key` or `ssm:resourceTag/tag-key`, meaning
/// `${TagKey}`.
pub(crate) fn tag_key_placeholder(name: &str) -> Option<usize> {
    const P: &str = "/tag-key";
    let start = name.len().checked_sub(P.len()).filter(|&s| s > 0)?;
    (name.is_char_boundary(start) && name[start..].eq_ignore_ascii_case(P)).then_some(start + 1)
}

/// Documented condition-key template → tokens. `${Name}` and `<name>` placeholders
/// and a trailing literal `/tag-key` stand for one or more characters of any kind
/// (tag keys may contain `:` and `/`); other characters are literal. Returns `None`
/// when the name has no placeholder.
pub(crate) fn template_tokens(name: &str) -> Option<Vec<Tok>> {
    let (name, tag_key) = match tag_key_placeholder(name) {
        Some(at) => (&name[..at], true),
        None => (name, false),
    };
    let chars = lower_chars(name);
    let mut out = Vec::with_capacity(chars.len() + 2);
    let mut i = 0;
    let mut any_var = false;
    if tag_key {
        // Appended after the loop.
        any_var = true;
    }
    while i < chars.len() {
        let c = chars[i];
        let close = match c {
            '$' if chars.get(i + 1) == Some(&'{') => Some('}'),
            '<' => Some('>'),
            _ => None,
        };
        if let Some(close) = close {
            if let Some(rel) = chars[i + 1..].iter().position(|&x| x == close) {
                out.push(Tok::One);
                out.push(Tok::Any);
                any_var = true;
                i += rel + 2;
                continue;
            }
        }
        out.push(Tok::Lit(c));
        i += 1;
    }
    if tag_key {
        out.push(Tok::One);
        out.push(Tok::Any);
    }
    any_var.then_some(out)
}

/// Number of literal tokens (used to prefer the most specific template).
pub(crate) fn literal_len(toks: &[Tok]) -> usize {
    toks.iter().filter(|t| matches!(t, Tok::Lit(_))).count()
}

/// Match tokens against already-lowercased text. Classic greedy algorithm with a
/// single backtrack point (the last `Any`), which is complete for this token set.
pub(crate) fn match_tokens(pat: &[Tok], text: &[char]) -> bool {
    let (mut p, mut t) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pat.get(p) {
            Some(Tok::Lit(c)) if *c == text[t] => {
                p += 1;
                t += 1;
                continue;
            }
            Some(Tok::One) => {
                p += 1;
                t += 1;
                continue;
            }
            Some(Tok::Any) => {
                star = Some((p, t));
                p += 1;
                continue;
            }
            _ => {}
        }
        match star {
            Some((sp, st)) => {
                p = sp + 1;
                t = st + 1;
                star = Some((sp, st + 1));
            }
            None => return false,
        }
    }
    while pat.get(p) == Some(&Tok::Any) {
        p += 1;
    }
    p == pat.len()
}

/// Case-insensitive IAM glob: `*` matches any run (including empty), `?` exactly one
/// character; everything else literally. Iterative, no exponential blow-up.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    if pattern.is_ascii() && text.is_ascii() {
        return match_ascii(pattern.as_bytes(), text.as_bytes());
    }
    match_tokens(&iam_tokens(pattern), &lower_chars(text))
}

/// Allocation-free variant of [`match_tokens`] for ASCII pattern and text
/// (`*`/`?` are wildcards, letters compare case-insensitively).
pub(crate) fn match_ascii(pat: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pat.get(p) {
            Some(b'*') => {
                star = Some((p, t));
                p += 1;
                continue;
            }
            Some(b'?') => {
                p += 1;
                t += 1;
                continue;
            }
            Some(c) if c.eq_ignore_ascii_case(&text[t]) => {
                p += 1;
                t += 1;
                continue;
            }
            _ => {}
        }
        match star {
            Some((sp, st)) => {
                p = sp + 1;
                t = st + 1;
                star = Some((sp, st + 1));
            }
            None => return false,
        }
    }
    while pat.get(p) == Some(&b'*') {
        p += 1;
    }
    p == pat.len()
}

/// `s.split_once(':')` by a byte scan: action texts are short, and the generic
/// character search showed in profiles of large runs.
pub fn split_colon(s: &str) -> Option<(&str, &str)> {
    let i = s.bytes().position(|b| b == b':')?;
    // `:` is ASCII, so both sides are on character boundaries.
    Some((s.get(..i)?, s.get(i + 1..)?))
}

/// `s.contains(':')` by a byte scan (see [`split_colon`]).
pub fn has_colon(s: &str) -> bool {
    s.bytes().any(|b| b == b':')
}

/// Whether `s` contains whitespace (as `char::is_whitespace` says), without decoding
/// characters when `s` is ASCII, as action names are.
pub fn has_whitespace(s: &str) -> bool {
    if s.is_ascii() {
        s.bytes()
            .any(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r'))
    } else {
        s.contains(char::is_whitespace)
    }
}

/// True when the string contains an IAM wildcard character.
pub fn has_wildcard(s: &str) -> bool {
    // Both are ASCII, so a byte scan is exact (and much faster than a char-set search).
    s.bytes().any(|b| b == b'*' || b == b'?')
}
