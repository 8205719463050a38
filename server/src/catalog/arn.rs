//! Matching ARNs (concrete, wildcarded, or with policy variables) against documented
//! ARN formats such as `arn:${Partition}:s3:::${BucketName}/${ObjectName}`.
//!
//! Both sides become small automata over character classes and we test whether
//! their languages intersect (a depth-first walk over position pairs), so a
//! wildcard ARN like `arn:aws:s3:::my-bucket*` correctly matches both `bucket` and
//! `object`.
//!
//! Policy side, as IAM evaluates it: `*` and `?` are plain globs over the whole
//! string, so they may match `:` and `/` in any field
//! (`arn:aws:secretsmanager:*:*:sqlworkbench!*` covers
//! `arn:aws:secretsmanager:us-east-1:111122223333:secret:sqlworkbench!x`). A
//! `${...}` policy variable stands for one or more characters; before the resource
//! part it does not contain `:`.
//!
//! Format side: how much a `${Var}` placeholder may match is decided in levels, so
//! that an ARN picks the most plausible resource types:
//! 1. every placeholder matches a run without `/` and `:`;
//! 2. placeholders inside the resource part that are not its first token may also
//!    contain `/` (IAM paths, S3 object keys, log-group names);
//! 3. additionally the last placeholder may contain `:` too.
//!
//! The placeholders of partition, region and account, and one that starts the
//! resource part (S3 bucket, SQS queue, SNS topic) never contain `/` or `:`; a
//! placeholder that is the whole region or account field may be empty (AWS-owned
//! resources such as `arn:aws:ssm:*::parameter/aws/service/...`). The first level
//! that matches anything is used.

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

/// Tokens of a policy ARN pattern: `*` any run, `?` one char (both may match any
/// character, `:` and `/` included), `${...}` a policy variable (one or more chars;
/// in the partition, service, region and account fields not `:`).
/// With `fielded`, wildcards before the resource part do not span `:` (the reading
/// a policy author almost always means).
fn arn_tokens(arn: &str, fielded: bool) -> (Vec<Tok>, bool) {
    let chars: Vec<char> = arn.chars().collect();
    let well_formed = arn_without_variables(&chars).filter(|&c| c == ':').count() >= 5;
    let mut out: Vec<Tok> = Vec::with_capacity(chars.len());
    let mut colons = 0;
    let mut pattern = false;
    let mut i = 0;
    while i < chars.len() {
        let wild = if fielded && well_formed && colons < 5 {
            Class::NoColon
        } else {
            Class::All
        };
        match chars[i] {
            '*' => {
                // Runs of `*` are equivalent to one.
                if out.last() != Some(&Tok::Star(wild)) {
                    out.push(Tok::Star(wild));
                }
                pattern = true;
            }
            '?' => {
                out.push(Tok::One(wild));
                pattern = true;
            }
            ':' => {
                colons += 1;
                out.push(Tok::One(Class::Char(':')));
            }
            '$' if chars.get(i + 1) == Some(&'{') => {
                if let Some(rel) = chars[i + 2..].iter().position(|&c| c == '}') {
                    let class = if well_formed && colons < 5 {
                        Class::NoColon
                    } else {
                        Class::All
                    };
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
    /// The whole region or account field (may be empty: AWS-owned resources).
    whole_region_or_account: bool,
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
                let end = i + rel + 3;
                let whole_field = (colons == 3 || colons == 4)
                    && i > 0
                    && chars[i - 1] == ':'
                    && chars.get(end) == Some(&':');
                out.push(FmtPiece::Var(Var {
                    in_resource: colons >= 5,
                    starts_resource: resource_start,
                    last: false,
                    whole_region_or_account: whole_field,
                }));
                resource_start = false;
                i = end;
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

/// `empty_fields`: a placeholder that is the whole region or account field may
/// match the empty string.
fn format_tokens(pieces: &[FmtPiece], level: u8, empty_fields: bool) -> Vec<Tok> {
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
                if !(empty_fields && v.whole_region_or_account) {
                    out.push(Tok::One(class));
                }
                out.push(Tok::Star(class));
            }
        }
    }
    out
}

/// Do the languages of `a` and `b` share a string?
fn intersects(a: &[Tok], b: &[Tok]) -> bool {
    SCRATCH.with(|cell| {
        let mut scratch = cell.borrow_mut();
        intersects_with(a, b, &mut scratch)
    })
}

/// Reused per thread: `seen` marks hold the current stamp (no clearing per call).
struct Scratch {
    seen: Vec<u32>,
    stamp: u32,
    stack: Vec<(usize, usize)>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = const {
        std::cell::RefCell::new(Scratch { seen: Vec::new(), stamp: 0, stack: Vec::new() })
    };
}

fn intersects_with(a: &[Tok], b: &[Tok], sc: &mut Scratch) -> bool {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    let size = (n + 1) * (m + 1);
    if sc.seen.len() < size {
        sc.seen.resize(size, 0);
    }
    sc.stamp = sc.stamp.wrapping_add(1);
    if sc.stamp == 0 {
        sc.seen.iter_mut().for_each(|x| *x = 0);
        sc.stamp = 1;
    }
    let stamp = sc.stamp;
    let seen = &mut sc.seen;
    let stack = &mut sc.stack;
    stack.clear();
    stack.push((0usize, 0usize));
    seen[0] = stamp;
    while let Some((i, j)) = stack.pop() {
        if i == n && j == m {
            return true;
        }
        let mut push = |i2: usize, j2: usize, stack: &mut Vec<(usize, usize)>| {
            let k = i2 * w + j2;
            if seen[k] != stamp {
                seen[k] = stamp;
                stack.push((i2, j2));
            }
        };
        // epsilon moves: skip a star on either side
        if let Some(Tok::Star(_)) = a.get(i) {
            push(i + 1, j, stack);
        }
        if let Some(Tok::Star(_)) = b.get(j) {
            push(i, j + 1, stack);
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
                push(na, nb, stack);
            }
        }
    }
    false
}

/// Compiled ARN pattern from a policy.
pub(crate) struct ArnPattern {
    /// Wildcards before the resource part stay within their field.
    fielded: Vec<Tok>,
    /// IAM's reading: plain globs over the whole string. `None` when it equals
    /// `fielded`.
    glob: Option<Vec<Tok>>,
    is_pattern: bool,
    /// The literal start of the resource part in the fielded reading; see
    /// [`prefixes_compatible`].
    resource_prefix: Option<Vec<char>>,
}

impl ArnPattern {
    pub(crate) fn new(arn: &str) -> Self {
        let (fielded, is_pattern) = arn_tokens(arn, true);
        let (glob, _) = arn_tokens(arn, false);
        let glob = (glob != fielded).then_some(glob);
        ArnPattern {
            fielded,
            glob,
            is_pattern,
            resource_prefix: arn_resource_prefix(arn),
        }
    }
}

/// The characters after the fifth `:` up to the first `*`, `?` or `$`, for an ARN that
/// [`arn_tokens`] reads as well formed (so that in the fielded reading nothing before
/// the resource part can produce a `:`); `None` otherwise. Mirrors `arn_tokens`' walk.
fn arn_resource_prefix(arn: &str) -> Option<Vec<char>> {
    let chars: Vec<char> = arn.chars().collect();
    if arn_without_variables(&chars).filter(|&c| c == ':').count() < 5 {
        return None;
    }
    let (mut colons, mut i) = (0, 0);
    while i < chars.len() && colons < 5 {
        if chars[i] == '$' && chars.get(i + 1) == Some(&'{') {
            if let Some(rel) = chars[i + 2..].iter().position(|&c| c == '}') {
                i += rel + 3;
                continue;
            }
        }
        if chars[i] == ':' {
            colons += 1;
        }
        i += 1;
    }
    (colons == 5).then(|| {
        chars[i..]
            .iter()
            .take_while(|c| !matches!(c, '*' | '?' | '$'))
            .copied()
            .collect()
    })
}

/// The literal characters of a documented format after its fifth `:`, up to its first
/// placeholder (`None` items); `None` when it has fewer than five `:` before one.
fn format_resource_prefix(chars: impl Iterator<Item = Option<char>>) -> Option<Vec<char>> {
    let mut colons = 0;
    let mut out = Vec::new();
    for c in chars {
        match c {
            Some(c) if colons >= 5 => out.push(c),
            Some(':') => colons += 1,
            Some(_) => {}
            None if colons >= 5 => break,
            None => {}
        }
    }
    (colons >= 5).then_some(out)
}

/// A cheap necessary condition for a fielded-reading match: format placeholders before
/// the resource part never contain `:`, and neither do the wildcards and variables of a
/// well-formed policy ARN there, so every string both sides match starts its resource
/// part (after the fifth `:`) with both literal prefixes: one must be a prefix of the
/// other. `None` (unknown) is compatible with anything.
fn prefixes_compatible(a: Option<&[char]>, b: Option<&[char]>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            let n = a.len().min(b.len());
            a[..n] == b[..n]
        }
        _ => true,
    }
}

/// A documented ARN format compiled for each placeholder level (1, 2, 3), without
/// and with empty region/account fields.
pub(crate) struct CompiledFormat {
    toks: [[Vec<Tok>; 3]; 2],
    /// See [`format_resource_prefix`].
    resource_prefix: Option<Vec<char>>,
}

impl CompiledFormat {
    pub(crate) fn new(format: &str) -> Self {
        let pieces = format_pieces(format);
        let chars = pieces.iter().map(|p| match p {
            FmtPiece::Lit(c) => Some(*c),
            FmtPiece::Var(_) => None,
        });
        CompiledFormat {
            toks: [false, true].map(|e| [1, 2, 3].map(|l| format_tokens(&pieces, l, e))),
            resource_prefix: format_resource_prefix(chars),
        }
    }
}

/// Reading of the policy ARN: fielded or IAM's plain glob.
#[derive(Clone, Copy)]
enum Reading {
    Fielded,
    Glob,
}

/// Which groups of compiled formats (one group per resource type) match the ARN.
/// Returns the indices of matching groups. Passes run from the most to the least
/// plausible reading; the first one that matches anything decides.
///
/// Concrete ARNs: placeholder levels 1, 2, 3 with non-empty region and account,
/// then the same allowing empty ones (AWS-owned resources).
///
/// Patterns (wildcards, policy variables): level 3 (whatever they could match) with
/// wildcards in partition, region and account confined to their field; then as
/// IAM's plain globs spanning `:`, levels 1 and 2 before 3 (so
/// `arn:aws:kms:*:*:alias/*` is an alias, not also a key whose id would contain
/// `:alias/`, while `arn:aws:logs:*:*:/aws-glue/*` still finds the log groups).
pub(crate) fn match_formats(arn: &ArnPattern, groups: &[Vec<CompiledFormat>]) -> Vec<usize> {
    match_formats_with(arn, groups, true)
}

/// [`match_formats`]; `prefilter` off only to test that the prefilter changes nothing.
fn match_formats_with(
    arn: &ArnPattern,
    groups: &[Vec<CompiledFormat>],
    prefilter: bool,
) -> Vec<usize> {
    use Reading::*;
    const CONCRETE: &[(Reading, usize, usize)] = &[
        (Fielded, 0, 0),
        (Fielded, 0, 1),
        (Fielded, 0, 2),
        (Fielded, 1, 0),
        (Fielded, 1, 1),
        (Fielded, 1, 2),
    ];
    const PATTERN: &[(Reading, usize, usize)] = &[
        (Fielded, 0, 2),
        (Fielded, 1, 2),
        (Glob, 0, 0),
        (Glob, 0, 1),
        (Glob, 1, 0),
        (Glob, 1, 1),
        (Glob, 0, 2),
        (Glob, 1, 2),
    ];
    let passes = if arn.is_pattern { PATTERN } else { CONCRETE };
    for &(reading, empty, level) in passes {
        // In the fielded reading, formats whose resource part cannot start like the
        // ARN's are left out.
        let (toks, filtered): (&[Tok], bool) = match (reading, &arn.glob) {
            (Fielded, _) => (&arn.fielded[..], prefilter),
            (Glob, Some(g)) => (&g[..], false),
            // Same tokens as the fielded reading, whose level-3 pass (a superset of
            // levels 1 and 2) already failed.
            (Glob, None) => continue,
        };
        let candidate = |f: &CompiledFormat| {
            !filtered
                || prefixes_compatible(arn.resource_prefix.as_deref(), f.resource_prefix.as_deref())
        };
        let hits: Vec<usize> = groups
            .iter()
            .enumerate()
            .filter(|(_, fs)| {
                fs.iter()
                    .any(|f| candidate(f) && intersects(toks, &f.toks[empty][level]))
            })
            .map(|(i, _)| i)
            .collect();
        if !hits.is_empty() {
            return hits;
        }
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Example ARNs of every documented format, concrete and with wildcards: the
    /// resource-prefix prefilter must not change which resource types match.
    #[test]
    fn prefilter_changes_no_match() {
        let catalog = crate::catalog::Catalog::builtin();
        let fill = |format: &str, inside: &str, outside: &str| {
            let mut out = String::new();
            let mut rest = format;
            let mut colons = 0;
            while let Some(i) = rest.find("${") {
                colons += rest[..i].matches(':').count();
                out.push_str(&rest[..i]);
                let Some(j) = rest[i..].find('}') else { break };
                out.push_str(if colons >= 5 { inside } else { outside });
                rest = &rest[i + j + 1..];
            }
            out.push_str(rest);
            out.replacen("${Partition}", "aws", 1)
        };
        let (mut checked, mut filtered_out) = (0, 0);
        for svc in catalog.services() {
            let groups: Vec<Vec<CompiledFormat>> = svc
                .resources
                .iter()
                .map(|r| {
                    r.arn_formats
                        .iter()
                        .map(|f| CompiledFormat::new(f))
                        .collect()
                })
                .collect();
            for r in &svc.resources {
                for f in &r.arn_formats {
                    for arn in [
                        fill(f, "ex-1", "us-east-1"),
                        fill(f, "*", "*"),
                        fill(f, "a/b*", "*"),
                        fill(f, "${aws:username}", "${aws:PrincipalAccount}"),
                        fill(f, "x?", "us-east-1").replacen("arn:aws:", "arn:*:", 1),
                    ] {
                        let pat = ArnPattern::new(&arn);
                        let fast = match_formats_with(&pat, &groups, true);
                        let full = match_formats_with(&pat, &groups, false);
                        assert_eq!(fast, full, "{arn} against {} formats", svc.prefix);
                        checked += 1;
                        filtered_out += groups
                            .iter()
                            .flatten()
                            .filter(|g| {
                                !prefixes_compatible(
                                    pat.resource_prefix.as_deref(),
                                    g.resource_prefix.as_deref(),
                                )
                            })
                            .count();
                    }
                }
            }
        }
        // The check ran over the whole catalog, and the prefilter did leave formats out.
        assert!(checked > 5_000, "{checked}");
        assert!(filtered_out > checked, "{filtered_out}");
    }
}
