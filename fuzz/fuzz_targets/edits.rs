//! The document store under random incremental edit sequences: LSP-style range edits
//! (UTF-16 or UTF-8 positions, out of range, reversed, inside surrogate pairs and
//! multi-byte characters) go through the server's own conversion code
//! (`lsp::convert::from_proto::apply_change`) into a ropey rope. After every edit the
//! rope must equal a reference `String` edited by an independent implementation, the
//! analysis's line index must agree with the rope on positions, and analysis must not
//! panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_lsp::config::Config;
use policy_lsp::lsp::convert::{from_proto, to_proto};
use policy_lsp::lsp::store;
use policy_lsp::syntax::Encoding;
use ropey::Rope;
use tower_lsp::lsp_types::{Position, Range, TextDocumentContentChangeEvent};

/// Pieces of inserted text: ASCII JSON, line breaks of every kind, 2-, 3- and 4-byte
/// characters (the last are surrogate pairs in UTF-16).
const PIECES: &[&str] = &[
    "",
    "a",
    "\"",
    "{",
    "}",
    ":",
    ",",
    "[",
    "]",
    " ",
    "\n",
    "\r\n",
    "\r",
    "é",
    "€",
    "😀",
    "𝄞x",
    "\u{2028}",
    "\"Statement\"",
    "\"Action\": \"s3:GetObject\"",
    "\"Condition\": {\"StringEquals\": {\"aws:PrincipalTag/team\": \"a\"}}",
    "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\"}]}",
    // CloudFormation YAML and Terraform pieces (the host front ends).
    "Resources:\n  R:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument:\n",
    "        Statement:\n          - Effect: Allow\n            Action: s3:GetObject\n",
    "  ",
    "- ",
    "!Sub \"arn:${AWS::Partition}:s3:::b/*\"",
    "data \"aws_iam_policy_document\" \"d\" {\n  statement {\n    actions = [\"s3:GetObject\"]\n",
    "policy = jsonencode({Statement = [{Effect = \"Allow\"}]})\n",
    "${var.x}",
    "<<EOF\n",
];

/// File names: the name picks the front end (policy JSON, CloudFormation, Terraform).
const NAMES: &[&str] = &["policy.json", "template.yaml", "main.tf", "stack.template.json"];

struct Bytes<'a>(&'a [u8]);
impl Bytes<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }
    /// Small numbers mostly, sometimes huge (out of range).
    fn num(&mut self) -> Option<u32> {
        let b = self.byte()?;
        Some(match b {
            0..=239 => u32::from(b % 40),
            240..=251 => u32::from(b),
            252 => 1 << 16,
            253 => i32::MAX as u32,
            _ => u32::MAX,
        })
    }
}

/// Reference: byte offset of an LSP position in `text`, written independently of the
/// server. Lines end at '\n' only (as the server's rope and line index); a position past
/// the line's end means the end of the line without its "\r\n" or "\n"; past the last
/// line means the end of the text; inside a character means its start.
fn ref_offset(text: &str, pos: Position, enc: Encoding) -> usize {
    // LSP line breaks: `\n`, `\r\n` and a lone `\r`.
    let line_end = |from: usize| -> Option<(usize, usize)> {
        let i = from + text[from..].find(['\n', '\r'])?;
        let len = if text[i..].starts_with("\r\n") { 2 } else { 1 };
        Some((i, i + len))
    };
    let mut start = 0;
    for _ in 0..pos.line {
        match line_end(start) {
            Some((_, next)) => start = next,
            None => return text.len(),
        }
    }
    let end = line_end(start).map_or(text.len(), |(e, _)| e);
    let mut units: u64 = 0;
    for (i, c) in text[start..end].char_indices() {
        let w = match enc {
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf8 => c.len_utf8(),
        } as u64;
        if units + w > u64::from(pos.character) {
            return start + i;
        }
        units += w;
    }
    end
}

fuzz_target!(|data: &[u8]| {
    let mut input = Bytes(data);
    let first = input.byte();
    let enc = match first {
        Some(b) if b & 1 == 1 => Encoding::Utf8,
        _ => Encoding::Utf16,
    };
    let name = NAMES[first.map_or(0, |b| usize::from(b >> 1)) % NAMES.len()];
    // Initial text: up to 8 pieces.
    let mut reference = String::new();
    for _ in 0..input.byte().map_or(0, |b| b % 8) {
        let i = input.byte().unwrap_or(0) as usize % PIECES.len();
        reference.push_str(PIECES[i]);
    }
    let mut rope = Rope::from_str(&reference);
    let config = Config::default();
    let mut edits = 0;
    while edits < 24 {
        let (Some(l1), Some(c1), Some(l2), Some(c2), Some(kind)) = (
            input.num(),
            input.num(),
            input.num(),
            input.num(),
            input.byte(),
        ) else {
            break;
        };
        edits += 1;
        let start = Position::new(l1, c1);
        let end = Position::new(l2, c2);
        let text = if kind >= 200 {
            // A run of several pieces.
            let n = (kind - 200) as usize % 6 + 1;
            (0..n)
                .map(|_| PIECES[input.byte().unwrap_or(0) as usize % PIECES.len()])
                .collect::<String>()
        } else {
            PIECES[kind as usize % PIECES.len()].to_string()
        };
        let full = kind == 199;
        let change = TextDocumentContentChangeEvent {
            range: (!full).then_some(Range { start, end }),
            range_length: None,
            text: text.clone(),
        };
        from_proto::apply_change(&mut rope, &change, enc);
        if full {
            reference = text;
        } else {
            let (a, b) = (
                ref_offset(&reference, start, enc),
                ref_offset(&reference, end, enc),
            );
            reference.replace_range(a.min(b)..a.max(b), &text);
        }
        assert_eq!(rope.to_string(), reference, "after edit {edits}: {change:?}");

        let (analysis, panicked) = store::analyze_guarded(&reference, name, &config);
        assert!(!panicked, "analysis panicked on {reference:?}");
        // The analysis's line index and the rope agree on positions, and both agree
        // with the reference.
        for p in [start, end, Position::new(l1, 0), Position::new(l2, u32::MAX)] {
            let o = from_proto::rope_offset(&rope, p, enc);
            assert_eq!(o, from_proto::offset(&analysis, p, enc), "{p:?} {enc:?}");
            assert_eq!(o, ref_offset(&reference, p, enc), "{p:?} {enc:?}");
            // Between the `\r` and `\n` of a pair there is no position of its own.
            if !(reference[..o].ends_with('\r') && reference[o..].starts_with('\n')) {
                let back = to_proto::position(&analysis, o, enc);
                assert_eq!(from_proto::rope_offset(&rope, back, enc), o, "{p:?} → {back:?}");
            }
        }
    }
});
