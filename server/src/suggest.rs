//! Did-you-mean suggestions by edit distance.

/// Optimal string alignment distance (Damerau-Levenshtein without repeated edits),
/// compared case-insensitively. Bounded: inputs over 128 chars return `usize::MAX`.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    if a.len() > 128 || b.len() > 128 {
        return usize::MAX;
    }
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for j in 0..=m {
        d[0][j] = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[n][m]
}

/// The closest candidate within a distance that grows with the word's length
/// (1 for short words, up to a third of the length). Ties keep the first candidate.
pub fn best<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let limit = (word.chars().count() / 3).clamp(1, 4);
    let mut best: Option<(&str, usize)> = None;
    for c in candidates {
        let d = distance(word, c);
        if d <= limit && best.is_none_or(|(_, bd)| d < bd) {
            best = Some((c, d));
        }
    }
    best.map(|(c, _)| c)
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

/// Whether `suggestion` is close enough to `word` that `word` is most likely a typo of
/// it (one edit, or two in a long word), rather than a different, unknown name.
pub fn likely_typo(word: &str, suggestion: &str) -> bool {
    let d = distance(word, suggestion);
    d <= 1 || (d == 2 && word.chars().count() >= 8)
}
