//! What a heading or a passage is about: service prefixes from heading names (an
//! alias table plus every catalog prefix and service name, with a small typo
//! tolerance), actions and condition keys mentioned in text, and terms
//! (`SSE-KMS`, `multi-Region`, `anonymous`, …) that relate to keys and actions.

use crate::catalog::has_wildcard;
use crate::catalog::Catalog;
use std::collections::HashMap;
use std::sync::OnceLock;

mod data;
pub use data::{Term, ALIASES, TERMS};

/// Special topic for sections about condition keys in general (`## IAM Condition key`):
/// a fallback for hovers on global `aws:` keys.
pub const CONDITION_KEYS: &str = "condition-keys";

/// Service prefixes, actions and keys something relates to. Actions are lowercased
/// `service:action` ids (patterns with `*`/`?` allowed); keys are lowercased
/// canonical catalog names (templates such as `aws:requesttag/${tagkey}`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Links {
    pub services: Vec<String>,
    pub actions: Vec<String>,
    pub keys: Vec<String>,
    /// Names of the terms found (`sse-kms`, `tls`, …), for display and tests.
    pub terms: Vec<String>,
}

impl Links {
    pub fn is_empty(&self) -> bool {
        self.services.is_empty() && self.actions.is_empty() && self.keys.is_empty()
    }

    fn add(v: &mut Vec<String>, s: &str) {
        if !v.iter().any(|x| x == s) {
            v.push(s.to_string());
        }
    }

    pub fn merge(&mut self, other: &Links) {
        for s in &other.services {
            Self::add(&mut self.services, s);
        }
        for s in &other.actions {
            Self::add(&mut self.actions, s);
        }
        for s in &other.keys {
            Self::add(&mut self.keys, s);
        }
        for s in &other.terms {
            Self::add(&mut self.terms, s);
        }
    }
}

/// Lowercase ASCII letters and digits only.
pub fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn strip_vendor(n: &str) -> &str {
    for v in ["amazon", "aws"] {
        if let Some(rest) = n.strip_prefix(v) {
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    n
}

/// Optimal-string-alignment distance (adjacent transpositions count once), capped:
/// returns `max + 1` as soon as the distance must exceed `max`.
pub fn osa_distance(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    crate::suggest::osa_bounded(&a, &b, max)
}

/// Name → topics, built from [`ALIASES`] and the catalog (prefixes and service names).
pub struct TopicIndex {
    /// Curated aliases and catalog service names (normalized, vendor-stripped).
    names: HashMap<String, Vec<String>>,
    /// Catalog prefixes (normalized): matched only as a whole heading part or when
    /// the word looks like an identifier (`EC2`, `SQS`), not ordinary words.
    prefixes: HashMap<String, String>,
    /// Names long enough for typo tolerance, with their topics.
    fuzzy: Vec<(String, Vec<String>)>,
}

impl TopicIndex {
    pub fn new(catalog: &Catalog) -> TopicIndex {
        let mut names: HashMap<String, Vec<String>> = HashMap::new();
        let mut add = |k: String, topics: &[String]| {
            if k.is_empty() {
                return;
            }
            let e = names.entry(k).or_default();
            for t in topics {
                if !e.contains(t) {
                    e.push(t.clone());
                }
            }
        };
        for (alias, topics) in ALIASES {
            let t: Vec<String> = topics.iter().map(|s| s.to_string()).collect();
            add(alias.to_string(), &t);
        }
        let mut prefixes = HashMap::new();
        for s in catalog.services() {
            let p = vec![s.prefix.clone()];
            // "AWS Identity and Access Management (IAM)": the name without and the
            // parenthesized part on its own.
            let (main, paren) = match (s.name.find('('), s.name.rfind(')')) {
                (Some(a), Some(b)) if a < b => (
                    format!("{}{}", &s.name[..a], &s.name[b + 1..]),
                    Some(&s.name[a + 1..b]),
                ),
                _ => (s.name.clone(), None),
            };
            let n = normalize(&main);
            let stripped = strip_vendor(&n);
            // A name that is just the prefix ("AWS Support", "AWS Backup") is matched
            // by the stricter prefix rules, so "Support hours" is not about it.
            if stripped != normalize(&s.prefix) {
                add(stripped.to_string(), &p);
            }
            if let Some(paren) = paren {
                let pn = normalize(paren);
                if pn.len() >= 3 {
                    add(pn, &p);
                }
            }
            prefixes.insert(normalize(&s.prefix), s.prefix.clone());
        }
        let fuzzy = names
            .iter()
            .filter(|(k, _)| k.len() >= 6)
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        TopicIndex {
            names,
            prefixes,
            fuzzy,
        }
    }

    fn lookup_exact(&self, n: &str) -> Option<Vec<String>> {
        if n.is_empty() {
            return None;
        }
        if let Some(t) = self.names.get(n) {
            return Some(t.clone());
        }
        let s = strip_vendor(n);
        if s != n {
            if let Some(t) = self.names.get(s) {
                return Some(t.clone());
            }
        }
        None
    }

    fn lookup_fuzzy(&self, n: &str) -> Option<Vec<String>> {
        let n = strip_vendor(n);
        if n.len() < 6 {
            return None;
        }
        let max = crate::suggest::max_distance(n.len());
        let first = n.chars().next();
        let mut best: Option<(usize, &Vec<String>)> = None;
        for (k, topics) in &self.fuzzy {
            if k.chars().next() != first {
                continue;
            }
            let d = osa_distance(n, k, max);
            if d <= max && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, topics));
            }
        }
        best.map(|(_, t)| t.clone())
    }

    /// Topics of a heading. The heading is split into parts on `,` `/` `&` `;` `:`
    /// `|` `+` and parentheses; inside a part, runs of up to five words are matched
    /// longest first against the names (exactly, then, for names of six letters or
    /// more, within the project's did-you-mean threshold, `suggest::max_distance`).
    /// Catalog prefixes match a whole part (`## Config`), after `AWS`/`Amazon`
    /// (`## AWS Config rules`) or a word that looks like an identifier (`EC2`, `SQS`).
    /// Terms and key/action mentions in the heading add their links.
    pub fn heading_links(&self, heading: &str, catalog: &Catalog) -> Links {
        let mut links = Links::default();
        let push = |links: &mut Links, topics: Vec<String>| {
            for t in topics {
                Links::add(&mut links.services, &t);
            }
        };
        for part in heading.split([
            ',', '/', '&', ';', ':', '|', '+', '(', ')', '[', ']', '`', '—', '–',
        ]) {
            let words: Vec<&str> = part
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                .flat_map(|w| {
                    // "Multi-Region" stays one word for matching; stray dashes go.
                    let w = w.trim_matches('-');
                    (!w.is_empty()).then_some(w)
                })
                .collect();
            if words.is_empty() {
                continue;
            }
            let whole = normalize(part);
            if let Some(t) = self.lookup_exact(&whole) {
                push(&mut links, t);
                continue;
            }
            if let Some(p) = self.prefixes.get(strip_vendor(&whole)) {
                push(&mut links, vec![p.clone()]);
                continue;
            }
            let mut i = 0;
            while i < words.len() {
                let mut matched = 0;
                for len in (1..=5.min(words.len() - i)).rev() {
                    let span = &words[i..i + len];
                    let n: String = span.iter().map(|w| normalize(w)).collect();
                    let vendor = matches!(normalize(span[0]).as_str(), "aws" | "amazon");
                    let found = self.lookup_exact(&n).or_else(|| {
                        let looks_like_id = len == 1 && {
                            let w = span[0];
                            w.chars()
                                .skip(1)
                                .any(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                                || w.contains('-')
                        };
                        if (vendor && len == 2) || looks_like_id {
                            self.prefixes.get(strip_vendor(&n)).map(|p| vec![p.clone()])
                        } else {
                            None
                        }
                    });
                    let found = found.or_else(|| self.lookup_fuzzy(&n));
                    if let Some(t) = found {
                        push(&mut links, t);
                        matched = len;
                        break;
                    }
                }
                i += matched.max(1);
            }
        }
        // "KMS condition keys" is about KMS keys, not condition keys in general.
        if links
            .services
            .iter()
            .any(|t| t != CONDITION_KEYS && t != "iam")
        {
            links.services.retain(|t| t != CONDITION_KEYS);
        }
        links.merge(&explicit_mentions(heading, catalog));
        // Terms add their services only to headings that name no service:
        // "KMS and anonymous requests" stays about KMS, "## Multi-Region keys" is KMS.
        let mut terms = term_links(heading, catalog);
        if !links.services.is_empty() {
            terms.services.clear();
        }
        links.merge(&terms);
        links
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Does `hay` (lowercase) contain `needle` (lowercase) at word boundaries?
fn contains_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut from = 0;
    while let Some(pos) = hay[from..].find(needle) {
        let start = from + pos;
        let end = start + needle.len();
        let before = hay[..start].chars().next_back();
        let after = hay[end..].chars().next();
        if !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char) {
            // `aws:kms` must not match inside `aws:kms:dsse`.
            if !(needle.contains(':') && after == Some(':')) {
                return true;
            }
        }
        from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Spellings of a variant: words joined with `-`, a space or nothing.
fn spellings(v: &str) -> Vec<String> {
    let words: Vec<&str> = v.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    if words.len() <= 1 {
        return vec![v.to_string()];
    }
    vec![words.join("-"), words.join(" "), words.concat()]
}

/// Every spelling of every term, lowercase, computed once: (index in TERMS, spelling).
fn term_spellings() -> &'static [(usize, String)] {
    static SPELLINGS: OnceLock<Vec<(usize, String)>> = OnceLock::new();
    SPELLINGS.get_or_init(|| {
        let mut v = Vec::new();
        for (i, t) in TERMS.iter().enumerate() {
            for variant in t.variants.iter().chain(std::iter::once(&t.name)) {
                for sp in spellings(&variant.to_lowercase()) {
                    if !v.iter().any(|(j, s)| *j == i && *s == sp) {
                        v.push((i, sp));
                    }
                }
            }
        }
        v
    })
}

/// Terms found in the text.
pub fn find_terms(text: &str) -> Vec<&'static Term> {
    // Collapse runs of whitespace so "multi\nregion" matches too.
    let lower: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let mut found = vec![false; TERMS.len()];
    for (i, sp) in term_spellings() {
        if !found[*i] && contains_word(&lower, sp) {
            found[*i] = true;
        }
    }
    TERMS
        .iter()
        .zip(found)
        .filter(|(_, f)| *f)
        .map(|(t, _)| t)
        .collect()
}

fn mention_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, ':' | '-' | '_' | '*' | '?' | '.' | '$' | '{' | '}' | '/')
}

/// Split a raw token on `/` where the following segment is itself an id, keep the
/// pieces that look like `prefix:name`.
fn split_mention<'a>(out: &mut Vec<&'a str>, tok: &'a str) {
    // Split on `/` when the following segment is itself an id.
    let mut seg_start = 0;
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    for (i, c) in tok.char_indices() {
        if c == '/' {
            pieces.push((seg_start, i));
            seg_start = i + 1;
        }
    }
    pieces.push((seg_start, tok.len()));
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (a, b) in pieces {
        let seg = &tok[a..b];
        match merged.last_mut() {
            Some(last) if !seg.contains(':') || seg.starts_with("${") => last.1 = b,
            _ => merged.push((a, b)),
        }
    }
    for (a, b) in merged {
        let t = tok[a..b].trim_matches(|c: char| matches!(c, '.' | ':' | '-' | '/' | '_'));
        if let Some((p, n)) = t.split_once(':') {
            if !p.is_empty()
                && !n.is_empty()
                && p.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            {
                out.push(t);
            }
        }
    }
}

/// Candidate `service:Name` tokens: runs of identifier characters containing `:`,
/// split where `/` joins two ids (`kms:A/kms:B`), trailing punctuation dropped.
pub fn mention_tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if mention_char(c) {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            split_mention(&mut out, &text[s..i]);
        }
    }
    if let Some(s) = start {
        split_mention(&mut out, &text[s..]);
    }
    out
}

/// Canonical lowercase form of a condition key: the catalog's documented name
/// (`aws:RequestTag/Project` → `aws:requesttag/${tagkey}`), or the key itself.
pub fn canonical_key(catalog: &Catalog, key: &str) -> String {
    catalog
        .condition_key(key.trim())
        .map(|k| k.name.to_lowercase())
        .unwrap_or_else(|| key.trim().to_lowercase())
}

/// Actions and keys mentioned in the text: only ids the catalog knows (actions,
/// action patterns matching at least one action, condition keys); `arn:` and
/// values such as `aws:kms` are not mentions.
pub fn explicit_mentions(text: &str, catalog: &Catalog) -> Links {
    let mut links = Links::default();
    for tok in mention_tokens(text) {
        let Some((prefix, name)) = tok.split_once(':') else {
            continue;
        };
        if prefix.eq_ignore_ascii_case("arn") {
            continue;
        }
        let lower = tok.to_lowercase();
        if catalog.service(prefix).is_some() && !name.contains(':') {
            if has_wildcard(name) {
                if catalog.matches_any_action(tok) {
                    Links::add(&mut links.actions, &lower);
                    continue;
                }
            } else if catalog.action(prefix, name).is_some() {
                Links::add(&mut links.actions, &lower);
                continue;
            }
        }
        if let Some(k) = catalog.condition_key(tok) {
            Links::add(&mut links.keys, &k.name.to_lowercase());
        }
    }
    links
}

/// Terms found in the text and the services, actions and keys they relate to.
pub fn term_links(text: &str, catalog: &Catalog) -> Links {
    let mut links = Links::default();
    for term in find_terms(text) {
        Links::add(&mut links.terms, term.name);
        for s in term.services {
            Links::add(&mut links.services, s);
        }
        for a in term.actions {
            Links::add(&mut links.actions, &a.to_lowercase());
        }
        for k in term.keys {
            Links::add(&mut links.keys, &canonical_key(catalog, k));
        }
    }
    links
}
