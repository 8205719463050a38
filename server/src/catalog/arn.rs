//! Matching ARNs (concrete, wildcarded, or with policy variables) against documented
//! ARN formats such as `arn:${Partition}:s3:::${BucketName}/${ObjectName}`.
//!
//! Both sides become small automata over character classes and we test whether
//! their languages intersect (a breadth-first walk over position pairs), so a
//! wildcard ARN like `arn:aws:s3:::my-bucket*` correctly matches both `bucket` and
//! `object`.
//!
//! How much a `${Var}` placeholder may match is decided in levels, so that a
//! concrete ARN picks the most plausible resource type:
//! 1. every placeholder matches a run without `/` and `:`;
//! 2. placeholders inside the resource part that are not its first token may also
//!    contain `/` (IAM paths, S3 object keys, log-group names);
//! 3. additionally the last placeholder may contain `:` too.
//!
//! The placeholders of partition, region and account, and one that starts the
//! resource part (S3 bucket, SQS queue, SNS topic) never contain `/` or `:`.
//! Concrete ARNs use the first level that matches anything; ARNs with wildcards or
//! policy variables use level 3 (anything they could match).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Char(char),
    All,
    NoSlashColon,
    NoColon,
}

impl Class {
    fn intersects(self, other: Class) -> bool {
        use Class::*;
        match (self, other) {
            (Char(a), Char(b)) => a == b,
            (Char(c), k) | (k, Char(c)) => match k {
                All => true,
                NoSlashColon => c != '/' && c != ':',
                NoColon => c != ':',
                Char(_) => false,
            },
            // Every pair of the remaining classes shares some ordinary character.
            _ => true,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    /// Consume exactly one char of the class.
    One(Class),
    /// Consume zero or more chars of the class.
    Star(Class),
}

/// Tokens of a policy ARN pattern: `*` any run, `?` one char, `${...}` a policy
/// variable (treated as one-or-more arbitrary chars). Returns (tokens, is_pattern).
/// Wildcards in the partition, service, region and account fields do not span `:`
/// (IAM matches those fields one by one); in the resource part they match anything.
/// An ARN with fewer than five `:` (e.g. a bare `*`) is matched leniently.
fn arn_tokens(arn: &str) -> (Vec<Tok>, bool) {
    let chars: Vec<char> = arn.chars().collect();
    let well_formed = arn_without_variables(&chars).filter(|&c| c == ':').count() >= 5;
    let mut out = Vec::with_capacity(chars.len());
    let mut pattern = false;
    let mut colons = 0;
    let mut i = 0;
    while i < chars.len() {
        let class = if well_formed && colons < 5 {
            Class::NoColon
        } else {
            Class::All
        };
        match chars[i] {
            '*' => {
                out.push(Tok::Star(class));
                pattern = true;
            }
            '?' => {
                out.push(Tok::One(class));
                pattern = true;
            }
            ':' => {
                colons += 1;
                out.push(Tok::One(Class::Char(':')));
            }
            '$' if chars.get(i + 1) == Some(&'{') => {
                if let Some(rel) = chars[i + 2..].iter().position(|&c| c == '}') {
                    out.push(Tok::One(class));
                    out.push(Tok::Star(class));
                    pattern = true;
                    i += rel + 3;
                    continue;
                }
                out.push(Tok::One(Class::Char('$')));
            }
            c => out.push(Tok::One(Class::Char(c))),
        }
        i += 1;
    }
    (out, pattern)
}

/// The characters of an ARN outside `${...}` policy variables.
fn arn_without_variables(chars: &[char]) -> impl Iterator<Item = char> + '_ {
    let mut depth = 0usize;
    chars.iter().enumerate().filter_map(move |(i, &c)| {
        if c == '$' && chars.get(i + 1) == Some(&'{') {
            depth += 1;
        } else if c == '}' && depth > 0 {
            depth -= 1;
            return None;
        }
        (depth == 0).then_some(c)
    })
}

/// A placeholder of a documented ARN format and where it sits.
struct Var {
    /// In the resource part (after the fifth `:`).
    in_resource: bool,
    /// First token of the resource part.
    starts_resource: bool,
    /// Last placeholder of the format.
    last: bool,
}

enum FmtPiece {
    Lit(char),
    Var(Var),
}

fn format_pieces(format: &str) -> Vec<FmtPiece> {
    let chars: Vec<char> = format.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut colons = 0;
    let mut i = 0;
    let mut resource_start = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '$' && chars.get(i + 1) == Some(&'{') {
            if let Some(rel) = chars[i + 2..].iter().position(|&c| c == '}') {
                out.push(FmtPiece::Var(Var {
                    in_resource: colons >= 5,
                    starts_resource: resource_start,
                    last: false,
                }));
                resource_start = false;
                i += rel + 3;
                continue;
            }
        }
        resource_start = false;
        if c == ':' {
            colons += 1;
            if colons == 5 {
                resource_start = true;
            }
        }
        out.push(FmtPiece::Lit(c));
        i += 1;
    }
    if let Some(FmtPiece::Var(v)) = out.iter_mut().rev().find(|p| matches!(p, FmtPiece::Var(_))) {
        v.last = true;
    }
    out
}

fn format_tokens(pieces: &[FmtPiece], level: u8) -> Vec<Tok> {
    let mut out = Vec::with_capacity(pieces.len() + 8);
    for p in pieces {
        match p {
            FmtPiece::Lit(c) => out.push(Tok::One(Class::Char(*c))),
            FmtPiece::Var(v) => {
                let class = if !v.in_resource || v.starts_resource || level == 1 {
                    Class::NoSlashColon
                } else if level >= 3 && v.last {
                    Class::All
                } else {
                    Class::NoColon
                };
                out.push(Tok::One(class));
                out.push(Tok::Star(class));
            }
        }
    }
    out
}

/// Do the languages of `a` and `b` share a string?
fn intersects(a: &[Tok], b: &[Tok]) -> bool {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    let mut seen = vec![false; (n + 1) * (m + 1)];
    let mut stack = vec![(0usize, 0usize)];
    seen[0] = true;
    while let Some((i, j)) = stack.pop() {
        if i == n && j == m {
            return true;
        }
        let mut push = |i2: usize, j2: usize, stack: &mut Vec<(usize, usize)>| {
            let k = i2 * w + j2;
            if !seen[k] {
                seen[k] = true;
                stack.push((i2, j2));
            }
        };
        // epsilon moves: skip a star on either side
        if let Some(Tok::Star(_)) = a.get(i) {
            push(i + 1, j, &mut stack);
        }
        if let Some(Tok::Star(_)) = b.get(j) {
            push(i, j + 1, &mut stack);
        }
        // consume one common character
        if let (Some(ta), Some(tb)) = (a.get(i), b.get(j)) {
            let (ca, na) = match *ta {
                Tok::One(c) => (c, i + 1),
                Tok::Star(c) => (c, i),
            };
            let (cb, nb) = match *tb {
                Tok::One(c) => (c, j + 1),
                Tok::Star(c) => (c, j),
            };
            if (na, nb) != (i, j) && ca.intersects(cb) {
                push(na, nb, &mut stack);
            }
        }
    }
    false
}

/// Compiled ARN pattern from a policy.
pub(crate) struct ArnPattern {
    toks: Vec<Tok>,
    is_pattern: bool,
}

impl ArnPattern {
    pub(crate) fn new(arn: &str) -> Self {
        let (toks, is_pattern) = arn_tokens(arn);
        ArnPattern { toks, is_pattern }
    }
}

/// Which of `formats` (grouped per resource type) match the ARN. Returns the indices
/// of matching groups.
pub(crate) fn match_formats<'a, I>(arn: &ArnPattern, groups: I) -> Vec<usize>
where
    I: IntoIterator<Item = &'a [String]>,
{
    let parsed: Vec<Vec<Vec<FmtPiece>>> = groups
        .into_iter()
        .map(|fs| fs.iter().map(|f| format_pieces(f)).collect())
        .collect();
    let levels: &[u8] = if arn.is_pattern { &[3] } else { &[1, 2, 3] };
    for &level in levels {
        let hits: Vec<usize> = parsed
            .iter()
            .enumerate()
            .filter(|(_, fs)| {
                fs.iter()
                    .any(|pieces| intersects(&arn.toks, &format_tokens(pieces, level)))
            })
            .map(|(i, _)| i)
            .collect();
        if !hits.is_empty() {
            return hits;
        }
    }
    Vec::new()
}
