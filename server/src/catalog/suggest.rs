//! "Did you mean" helpers: optimal-string-alignment (restricted Damerau–Levenshtein)
//! distance on lowercased text, within `suggest::max_distance` of the query length.

use super::glob::{lower_chars, lower_chars_into};

pub(crate) use crate::suggest::osa_bounded as osa_distance;

pub(crate) use crate::suggest::max_distance;

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
    let (mut c, mut scratch) = (Vec::new(), Vec::new());
    for cand in candidates {
        // The distance is at least the difference in length; lowercasing keeps the
        // length of ASCII text, so such candidates need no closer look.
        if cand.is_ascii() && cand.len().abs_diff(q.len()) > limit {
            continue;
        }
        lower_chars_into(cand, &mut c);
        let d = crate::suggest::osa_bounded_in(&q, &c, limit, &mut scratch);
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
