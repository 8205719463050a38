//! "Did you mean" helpers: optimal-string-alignment (restricted Damerau–Levenshtein)
//! distance on lowercased text, with a threshold relative to the query length.

use super::glob::lower_chars;

/// Restricted Damerau–Levenshtein distance; gives up early (returns `limit + 1`) when
/// the distance is certainly above `limit`.
pub(crate) fn osa_distance(a: &[char], b: &[char], limit: usize) -> usize {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > limit {
        return limit + 1;
    }
    let mut prev2: Vec<usize> = vec![0; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur: Vec<usize> = vec![0; m + 1];
    for i in 1..=n {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(prev2[j - 2] + 1);
            }
            cur[j] = v;
            row_min = row_min.min(v);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
}

/// Largest accepted distance for a query of `len` characters: about a quarter of
/// the length, at least 1 and at most 4.
pub(crate) fn max_distance(len: usize) -> usize {
    ((len + 2) / 4).clamp(1, 4)
}

/// Best candidate for `query` (compared case-insensitively), or `None` if nothing is
/// within the threshold. Ties prefer the longer common prefix, then the closer length,
/// then the alphabetically first candidate, so results are deterministic.
pub(crate) fn best_match<'a, I>(query: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let q = lower_chars(query);
    if q.is_empty() {
        return None;
    }
    let limit = max_distance(q.len());
    let mut best: Option<((usize, usize, usize), &'a str)> = None;
    for cand in candidates {
        let c = lower_chars(cand);
        let d = osa_distance(&q, &c, limit);
        if d > limit {
            continue;
        }
        let common = q.iter().zip(c.iter()).take_while(|(x, y)| x == y).count();
        let score = (d, usize::MAX - common, q.len().abs_diff(c.len()));
        let better = match &best {
            None => true,
            Some((s, name)) => score < *s || (score == *s && cand < *name),
        };
        if better {
            best = Some((score, cand));
        }
    }
    best.map(|(_, name)| name)
}
