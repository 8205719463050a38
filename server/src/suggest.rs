//! Did-you-mean suggestions by edit distance.

/// Optimal string alignment distance (Damerau-Levenshtein without repeated edits),
/// compared case-insensitively. Bounded: inputs over 128 chars return `usize::MAX`.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    if a.len() > 128 || b.len() > 128 {
        return usize::MAX;
    }
    osa_bounded(&a, &b, a.len().max(b.len()))
}

/// Optimal string alignment distance of two char sequences (exact comparison), giving
/// up early with `limit + 1` as soon as the distance must exceed `limit`. The one
/// edit-distance implementation of the project (suggestions, notes headings).
pub fn osa_bounded(a: &[char], b: &[char], limit: usize) -> usize {
    osa_bounded_in(a, b, limit, &mut Vec::new())
}

/// [`osa_bounded`] with its three rows in `scratch`, so that a caller comparing one
/// word with many candidates allocates once.
pub fn osa_bounded_in(a: &[char], b: &[char], limit: usize, scratch: &mut Vec<usize>) -> usize {
    let (n, m) = (a.len(), b.len());
    if n.abs_diff(m) > limit {
        return limit + 1;
    }
    let w = m + 1;
    scratch.clear();
    scratch.resize(3 * w, 0);
    let (mut prev2, rest) = scratch.split_at_mut(w);
    let (mut prev, mut cur) = rest.split_at_mut(w);
    for (j, v) in prev.iter_mut().enumerate() {
        *v = j;
    }
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
    prev[m].min(limit + 1)
}

/// The did-you-mean threshold, the project's one: the largest distance accepted for a
/// word of `len` characters, about a quarter of the length, at least 1 and at most 4.
pub fn max_distance(len: usize) -> usize {
    ((len + 2) / 4).clamp(1, 4)
}

/// The closest candidate within [`max_distance`] of the word's length. Ties keep the
/// first candidate.
pub fn best<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let limit = max_distance(word.chars().count());
    let mut best: Option<(&str, usize)> = None;
    for c in candidates {
        let d = distance(word, c);
        if d <= limit && best.is_none_or(|(_, bd)| d < bd) {
            best = Some((c, d));
        }
    }
    best.map(|(c, _)| c)
}

/// Whether `suggestion` is close enough to `word` that `word` is most likely a typo of
/// it (one edit, or two in a long word), rather than a different, unknown name.
pub fn likely_typo(word: &str, suggestion: &str) -> bool {
    let d = distance(word, suggestion);
    d <= 1 || (d == 2 && word.chars().count() >= 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(best("Efect", ["Effect", "Action"]), Some("Effect"));
        assert_eq!(best("effect", ["Effect", "Action"]), Some("Effect"));
        assert_eq!(best("Actoin", ["Effect", "Action"]), Some("Action"));
        assert_eq!(best("Banana", ["Effect", "Action"]), None);
        assert_eq!(distance("ab", "ba"), 1);
    }
}
