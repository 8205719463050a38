//! Notes: Markdown passages shown in hovers next to the catalog's documentation.
//!
//! Sources are the team's notes files (`[notes] paths` in `policy-lsp.toml`) and the
//! built-in notes embedded from `server/notes/*.md`. Each source is split into
//! sections by ATX headings ([`markdown`]); each section maps to topics (service
//! prefixes) through its heading ([`topics`]), and each paragraph or list links to
//! the actions and condition keys it mentions (`kms:GenerateDataKey`,
//! `aws:SecureTransport`) and to the terms it uses (`SSE-KMS` relates to
//! `s3:x-amz-server-side-encryption`).
//!
//! Queries ([`Notes::for_action`], [`Notes::for_key`], [`Notes::for_service`])
//! return at most [`MAX_PASSAGES`] passages: the team's notes first (they are the
//! team's rules), then the built-in ones; within each, explicit mentions before
//! term relations before whole-section matches; one passage per section and no
//! repeated text.
//!
//! Everything here is pure: `workspace::load_notes` reads the
//! configured files and folders and reports unreadable ones as errors.

pub mod markdown;
pub mod topics;

use crate::catalog::Catalog;
use crate::catalog::{has_wildcard, wildcard_match};
use markdown::BlockKind;
use std::path::Path;
use topics::{Links, TopicIndex, CONDITION_KEYS};

/// At most this many passages per query.
pub const MAX_PASSAGES: usize = 3;
/// Sources larger than this are skipped (with a warning): notes are small files.
pub const MAX_SOURCE_BYTES: usize = 1024 * 1024;
/// A whole-section passage shows about this many lines of the section.
pub const SECTION_LINES: usize = 12;
/// A passage's text is cut at about this many characters.
pub const MAX_PASSAGE_CHARS: usize = 1500;

/// The embedded built-in notes: (file name, text).
pub const BUILTIN_NOTES: &[(&str, &str)] = &[
    ("cloudtrail.md", include_str!("../../notes/cloudtrail.md")),
    ("kms.md", include_str!("../../notes/kms.md")),
    ("cloudhsm.md", include_str!("../../notes/cloudhsm.md")),
    (
        "parameter-store.md",
        include_str!("../../notes/parameter-store.md"),
    ),
    ("acm.md", include_str!("../../notes/acm.md")),
    ("s3.md", include_str!("../../notes/s3.md")),
    (
        "network-protection.md",
        include_str!("../../notes/network-protection.md"),
    ),
    ("inspector.md", include_str!("../../notes/inspector.md")),
    ("guardduty.md", include_str!("../../notes/guardduty.md")),
    ("databases.md", include_str!("../../notes/databases.md")),
    ("tls.md", include_str!("../../notes/tls.md")),
    (
        "condition-keys.md",
        include_str!("../../notes/condition-keys.md"),
    ),
];

/// Label prefix of built-in sources (`builtin:kms.md`).
pub const BUILTIN_LABEL_PREFIX: &str = "builtin:";

/// A paragraph, list or code block of a section, with what it mentions.
#[derive(Clone, Debug)]
pub struct Block {
    pub kind: BlockKind,
    /// 1-based line of the block's first line.
    pub line: usize,
    pub text: String,
    /// Actions and keys named explicitly (`kms:GenerateDataKey`).
    pub mentions: Links,
    /// Services, actions and keys related through terms (`SSE-KMS`).
    pub related: Links,
}

/// A heading with its body.
#[derive(Clone, Debug)]
pub struct Section {
    /// The source's label: the file path for user notes, `builtin:<file>` otherwise.
    pub source: String,
    pub builtin: bool,
    /// Heading text; for text before the first heading, the source's file name.
    pub heading: String,
    /// 1..=6, 0 for text before the first heading.
    pub level: u8,
    /// 1-based line of the heading.
    pub line: usize,
    pub body: String,
    pub blocks: Vec<Block>,
    /// What the heading is about: services (and [`topics::CONDITION_KEYS`]), plus
    /// actions and keys named in the heading or related through its terms. A
    /// heading without topics inherits its parent's.
    pub topics: Links,
    /// True when `topics` came from a parent heading.
    pub inherited: bool,
}

/// One passage to show in a hover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    /// Path of the user's notes file, or `builtin:<file>`.
    pub source: String,
    pub builtin: bool,
    /// The section's heading text.
    pub heading: String,
    /// 1-based line where `markdown` starts in the source (the heading line for a
    /// whole-section passage).
    pub line: usize,
    /// The relevant paragraph/list (with its lead-in line such as `Encryption
    /// Type:`), or the first lines of the section.
    pub markdown: String,
    /// `file:///path#L<line>` for user notes with an absolute path.
    pub link: Option<String>,
}

/// Parsed notes, ready for queries. Cheap to query; build once per configuration.
pub struct Notes {
    sections: Vec<Section>,
    warnings: Vec<String>,
    catalog: &'static Catalog,
}

impl std::fmt::Debug for Notes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Notes")
            .field("sections", &self.sections.len())
            .field("warnings", &self.warnings)
            .finish()
    }
}

/// How well a passage matches a query (higher first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Score {
    /// Related through a term, in a section about another service.
    RelatedElsewhere = 1,
    /// The section is about the service (or, for `aws:` keys, condition keys).
    Section = 2,
    /// Related through a term (`SSE-KMS`), in a section about the same service.
    Related = 3,
    /// The heading names it.
    Heading = 4,
    /// The paragraph names it.
    Mention = 5,
    /// The paragraph names it, under a heading about it (`## KMS data keys`).
    MentionUnderHeading = 6,
}

impl Notes {
    /// Parse user sources (`(path or label, text)`) and, when `builtin`, the
    /// built-in notes, resolving mentions against the built-in catalog.
    pub fn new(sources: &[(String, String)], builtin: bool) -> Notes {
        Notes::with_catalog(sources, builtin, Catalog::builtin())
    }

    /// Like [`Notes::new`] with another catalog (e.g. a user-supplied newer one).
    pub fn with_catalog(
        sources: &[(String, String)],
        builtin: bool,
        catalog: &'static Catalog,
    ) -> Notes {
        let index = TopicIndex::new(catalog);
        let mut notes = Notes {
            sections: Vec::new(),
            warnings: Vec::new(),
            catalog,
        };
        for (label, text) in sources {
            if text.len() > MAX_SOURCE_BYTES {
                notes.warnings.push(format!(
                    "{label}: notes file skipped: {} bytes is over the {} byte limit",
                    text.len(),
                    MAX_SOURCE_BYTES
                ));
                continue;
            }
            if looks_binary(text) {
                notes.warnings.push(format!(
                    "{label}: notes file skipped: it looks binary, not Markdown"
                ));
                continue;
            }
            notes.add_source(label, text, false, &index);
        }
        if builtin {
            for (name, text) in BUILTIN_NOTES {
                notes.add_source(&format!("{BUILTIN_LABEL_PREFIX}{name}"), text, true, &index);
            }
        }
        notes
    }

    fn add_source(&mut self, label: &str, text: &str, builtin: bool, index: &TopicIndex) {
        let file_name = Path::new(label)
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_else(|| label.to_string());
        // Stack of (level, topics) of the enclosing headings.
        let mut stack: Vec<(u8, Links)> = Vec::new();
        for raw in markdown::parse(text) {
            let own = if raw.level == 0 {
                Links::default()
            } else {
                index.heading_links(&raw.heading, self.catalog)
            };
            while stack.last().is_some_and(|(l, _)| *l >= raw.level) {
                stack.pop();
            }
            let (topics, inherited) = if own.is_empty() {
                match stack.iter().rev().find(|(_, t)| !t.is_empty()) {
                    Some((_, t)) => (t.clone(), true),
                    None => (own, false),
                }
            } else {
                (own, false)
            };
            if raw.level > 0 {
                stack.push((raw.level, topics.clone()));
            }
            let blocks = raw
                .blocks
                .into_iter()
                .map(|b| Block {
                    mentions: topics::explicit_mentions(&b.text, self.catalog),
                    related: topics::term_links(&b.text, self.catalog),
                    kind: b.kind,
                    line: b.line,
                    text: b.text,
                })
                .collect();
            self.sections.push(Section {
                source: label.to_string(),
                builtin,
                heading: if raw.level == 0 {
                    file_name.clone()
                } else {
                    raw.heading
                },
                level: raw.level,
                line: raw.line,
                body: raw.body,
                blocks,
                topics,
                inherited,
            });
        }
    }

    /// All parsed sections, user notes first, in source order.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// Sources skipped while building (too large, binary).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }

    /// Passages about an action (`kms:GenerateDataKey`; a pattern such as
    /// `kms:Generate*` matches mentions it covers): paragraphs mentioning it, then
    /// paragraphs whose terms relate to it, then sections about its service.
    pub fn for_action(&self, action: &str) -> Vec<Passage> {
        let action = action.trim().to_lowercase();
        let Some((prefix, _)) = action.split_once(':') else {
            return Vec::new();
        };
        let prefix = prefix.to_string();
        let related = |s: &Section| {
            if s.topics.services.contains(&prefix) {
                Score::Related
            } else {
                Score::RelatedElsewhere
            }
        };
        let matches = |list: &[String]| {
            list.iter().any(|m| {
                m == &action
                    || (has_wildcard(m) && wildcard_match(m, &action))
                    || (has_wildcard(&action) && wildcard_match(&action, m))
            })
        };
        self.query(|s| {
            let mut best: Option<(Score, Option<usize>)> = None;
            let mut consider = |score: Score, block: Option<usize>| {
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, block));
                }
            };
            let heading = matches(&s.topics.actions) && !s.inherited;
            if heading {
                consider(Score::Heading, None);
            }
            for (i, b) in s.blocks.iter().enumerate() {
                if matches(&b.mentions.actions) {
                    consider(
                        if heading {
                            Score::MentionUnderHeading
                        } else {
                            Score::Mention
                        },
                        Some(i),
                    );
                } else if matches(&b.related.actions) {
                    consider(related(s), Some(i));
                }
            }
            if s.topics.services.contains(&prefix) {
                consider(Score::Section, None);
            }
            best
        })
    }

    /// Passages about a condition key (case-insensitive; `aws:RequestTag/env`
    /// matches notes on `aws:RequestTag/${TagKey}`): paragraphs mentioning it, then
    /// paragraphs whose terms relate to it (`SSE-KMS` for
    /// `s3:x-amz-server-side-encryption`), then sections about its service (for
    /// `aws:` keys, sections about condition keys in general).
    pub fn for_key(&self, key: &str) -> Vec<Passage> {
        let key = topics::canonical_key(self.catalog, key);
        let Some((prefix, _)) = key.split_once(':') else {
            return Vec::new();
        };
        let service_topic = if prefix == "aws" {
            CONDITION_KEYS.to_string()
        } else {
            prefix.to_string()
        };
        self.query(|s| {
            let mut best: Option<(Score, Option<usize>)> = None;
            let mut consider = |score: Score, block: Option<usize>| {
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, block));
                }
            };
            let heading = s.topics.keys.contains(&key) && !s.inherited;
            if heading {
                consider(Score::Heading, None);
            }
            for (i, b) in s.blocks.iter().enumerate() {
                if b.mentions.keys.contains(&key) {
                    consider(
                        if heading {
                            Score::MentionUnderHeading
                        } else {
                            Score::Mention
                        },
                        Some(i),
                    );
                } else if b.related.keys.contains(&key) {
                    let same = prefix == "aws" || s.topics.services.iter().any(|t| t == prefix);
                    consider(
                        if same {
                            Score::Related
                        } else {
                            Score::RelatedElsewhere
                        },
                        Some(i),
                    );
                }
            }
            if s.topics.services.contains(&service_topic) {
                consider(Score::Section, None);
            }
            best
        })
    }

    /// Sections about a service prefix (`guardduty`), as their first lines.
    pub fn for_service(&self, prefix: &str) -> Vec<Passage> {
        let prefix = prefix.trim().to_lowercase();
        self.query(|s| {
            s.topics
                .services
                .contains(&prefix)
                .then_some((Score::Section, None))
        })
    }

    /// Score every section, keep the best, order user-then-built-in, score, source
    /// order; drop empty and repeated passages; cap at [`MAX_PASSAGES`].
    fn query<F>(&self, mut score: F) -> Vec<Passage>
    where
        F: FnMut(&Section) -> Option<(Score, Option<usize>)>,
    {
        let mut hits: Vec<(bool, std::cmp::Reverse<Score>, usize, Passage)> = Vec::new();
        for (order, s) in self.sections.iter().enumerate() {
            let Some((sc, block)) = score(s) else {
                continue;
            };
            let passage = match block {
                Some(i) => self.block_passage(s, i),
                None => self.section_passage(s),
            };
            if let Some(p) = passage {
                hits.push((s.builtin, std::cmp::Reverse(sc), order, p));
            }
        }
        hits.sort_by_key(|h| (h.0, h.1, h.2));
        let mut out: Vec<Passage> = Vec::new();
        for (_, _, _, p) in hits {
            let norm = p.markdown.split_whitespace().collect::<Vec<_>>().join(" ");
            if out
                .iter()
                .any(|q| q.markdown.split_whitespace().collect::<Vec<_>>().join(" ") == norm)
            {
                continue;
            }
            out.push(p);
            if out.len() == MAX_PASSAGES {
                break;
            }
        }
        out
    }

    fn make_passage(&self, s: &Section, line: usize, markdown: String) -> Option<Passage> {
        let markdown = cap_chars(markdown.trim_end(), MAX_PASSAGE_CHARS);
        if markdown.trim().is_empty() {
            return None;
        }
        Some(Passage {
            source: s.source.clone(),
            builtin: s.builtin,
            heading: s.heading.clone(),
            line,
            markdown,
            link: if s.builtin {
                None
            } else {
                file_link(&s.source, line)
            },
        })
    }

    /// The block, with its lead-in paragraph when the block is a list and the
    /// paragraph before it ends with `:` (`Encryption Type:`), or with the list that
    /// follows when the block is such a lead-in.
    fn block_passage(&self, s: &Section, i: usize) -> Option<Passage> {
        let b = &s.blocks[i];
        let mut line = b.line;
        let mut text = cap_lines(&b.text, SECTION_LINES + 4);
        if b.kind == BlockKind::List && i > 0 {
            let prev = &s.blocks[i - 1];
            if prev.kind == BlockKind::Paragraph
                && prev.text.trim_end().ends_with(':')
                && prev.text.lines().count() <= 3
            {
                line = prev.line;
                text = format!("{}\n\n{}", prev.text, text);
            }
        }
        // A lead-in paragraph brings its list along.
        if b.kind == BlockKind::Paragraph && b.text.trim_end().ends_with(':') {
            if let Some(next) = s.blocks.get(i + 1).filter(|n| n.kind == BlockKind::List) {
                text = format!("{text}\n\n{}", cap_lines(&next.text, SECTION_LINES));
            }
        }
        self.make_passage(s, line, text)
    }

    /// The first [`SECTION_LINES`] lines of the section, whole blocks where possible.
    fn section_passage(&self, s: &Section) -> Option<Passage> {
        let mut parts: Vec<String> = Vec::new();
        let mut lines = 0;
        for b in &s.blocks {
            let n = b.text.lines().count();
            if lines > 0 && lines + n > SECTION_LINES {
                if lines < SECTION_LINES / 2 {
                    parts.push(cap_lines(&b.text, SECTION_LINES - lines));
                }
                break;
            }
            if lines == 0 && n > SECTION_LINES {
                parts.push(cap_lines(&b.text, SECTION_LINES));
                break;
            }
            parts.push(b.text.clone());
            lines += n;
        }
        self.make_passage(s, s.line, parts.join("\n\n"))
    }
}

/// NUL bytes or mostly control characters: not a notes file.
fn looks_binary(text: &str) -> bool {
    if text.contains('\0') {
        return true;
    }
    let sample: Vec<char> = text.chars().take(4096).collect();
    let control = sample
        .iter()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    control * 10 > sample.len().max(1)
}

/// At most `max` lines; a cut inside a code fence closes the fence, and a cut is
/// marked with `…`.
fn cap_lines(text: &str, max: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= max {
        return text.to_string();
    }
    let out: &[&str] = &lines[..max];
    let fences = out
        .iter()
        .filter(|l| {
            let t = l.trim_start();
            t.starts_with("```") || t.starts_with("~~~")
        })
        .count();
    let mut s = out.join("\n");
    if fences % 2 == 1 {
        s.push_str("\n```");
    }
    s.push_str("\n…");
    s
}

fn cap_chars(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

/// `file:///abs/path#L12` for an absolute path (Windows `C:\x` → `file:///C:/x`);
/// `None` for labels that are not absolute paths.
pub fn file_link(source: &str, line: usize) -> Option<String> {
    let windows = source.len() > 2
        && source.as_bytes()[1] == b':'
        && source.as_bytes()[0].is_ascii_alphabetic();
    if !(source.starts_with('/') || windows) {
        return None;
    }
    let path = source.replace('\\', "/");
    let mut url = String::from(if windows { "file:///" } else { "file://" });
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    Some(format!("{url}#L{line}"))
}

#[cfg(test)]
mod tests;
