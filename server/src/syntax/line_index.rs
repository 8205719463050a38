//! Byte offset ⇄ (line, column) conversion. Columns are counted in UTF-8 bytes or
//! UTF-16 code units; every conversion between byte offsets and editor positions in
//! the project goes through this type.

/// A 0-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset of the start of each line.
    starts: Vec<u32>,
    len: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        // Lines end at `\n`, `\r\n` or a lone `\r`, as in LSP (and ropey's `cr_lines`).
        let mut starts = vec![0u32];
        let bytes = text.as_bytes();
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
        }
        LineIndex {
            starts,
            len: u32::try_from(text.len()).unwrap_or(u32::MAX),
        }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset → line and column in `enc`. Offsets past the end clamp to the end;
    /// offsets inside a multi-byte character clamp to its start.
    pub fn line_col(&self, text: &str, offset: usize, enc: Encoding) -> LineCol {
        self.line_col_after(text, offset, enc, &mut None)
    }

    /// [`Self::line_col`] for offsets visited mostly in increasing order (findings
    /// sorted by position): when `last` is on the same line before `offset`, counts the
    /// column on from there instead of from the line's start, then moves `last`. A line
    /// of a generated policy can hold tens of kilobytes and a thousand findings.
    pub fn line_col_after(
        &self,
        text: &str,
        offset: usize,
        enc: Encoding,
        last: &mut Option<(usize, LineCol)>,
    ) -> LineCol {
        let offset = offset.min(text.len());
        let line = match self.starts.binary_search(&(offset as u32)) {
            Ok(l) => l,
            Err(l) => l - 1,
        };
        let start = self.starts[line] as usize;
        let mut off = offset;
        while off > start && !text.is_char_boundary(off) {
            off -= 1;
        }
        let (from, base) = match *last {
            Some((o, lc)) if lc.line as usize == line && (start..=off).contains(&o) => (o, lc.col),
            _ => (start, 0),
        };
        let slice = &text[from..off];
        let col = base as usize
            + match enc {
                Encoding::Utf8 => slice.len(),
                Encoding::Utf16 => utf16_len(slice),
            };
        let lc = LineCol {
            line: line as u32,
            col: col as u32,
        };
        *last = Some((off, lc));
        lc
    }

    /// Line and column in `enc` → byte offset. A line past the end gives the end of the
    /// text; a column past the end of its line gives the line's end (before its newline);
    /// a column inside a character (UTF-16 surrogate half, UTF-8 continuation) gives the
    /// start of that character.
    pub fn offset(&self, text: &str, pos: LineCol, enc: Encoding) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return text.len();
        };
        let start = (start as usize).min(text.len());
        let line_end = self
            .starts
            .get(pos.line as usize + 1)
            .map_or(text.len(), |&s| (s as usize).saturating_sub(1))
            .min(text.len());
        let mut line_text = &text[start..line_end.max(start)];
        if let Some(stripped) = line_text.strip_suffix('\r') {
            line_text = stripped;
        }
        let want = pos.col as usize;
        let mut acc = 0usize;
        for (i, c) in line_text.char_indices() {
            let w = match enc {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
            if acc + w > want {
                return start + i;
            }
            acc += w;
        }
        start + line_text.len()
    }

    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// The length of `s` in UTF-16 code units, from its bytes: a UTF-8 continuation byte
/// (`10xxxxxx`) adds nothing, the lead byte of a 4-byte sequence (`11110xxx`) a surrogate
/// pair. A byte loop the compiler vectorizes: lines of generated policies run to tens of
/// kilobytes, and each finding on them needs a column (a `chars()` walk took 40 % of
/// `check` on such a file).
fn utf16_len(s: &str) -> usize {
    s.bytes()
        .map(|b| usize::from((b as i8) >= -0x40) + usize::from(b >= 0xF0))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_counted_on_from_the_last_offset_match() {
        let text = "ab\u{1d11e}cé\n\u{1d11e}xyz\nq";
        let idx = LineIndex::new(text);
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let mut last = None;
            // In order, backwards, and across lines: always the plain answer.
            let offsets: Vec<usize> = (0..=text.len()).chain((0..=text.len()).rev()).collect();
            for o in offsets {
                assert_eq!(
                    idx.line_col_after(text, o, enc, &mut last),
                    idx.line_col(text, o, enc),
                    "offset {o} {enc:?}"
                );
            }
        }
    }

    #[test]
    fn utf16_length_counts_like_chars() {
        for s in [
            "",
            "ascii",
            "é",
            "ä€𝄞x",
            "𝄞𝄞",
            "\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}",
        ] {
            let want: usize = s.chars().map(char::len_utf16).sum();
            assert_eq!(utf16_len(s), want, "{s:?}");
        }
    }

    #[test]
    fn lone_carriage_return_ends_a_line() {
        let text = "a\rbé\r\nc\nd\r";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 5);
        let b = text.find('b').unwrap();
        assert_eq!(
            idx.line_col(text, b, Encoding::Utf16),
            LineCol { line: 1, col: 0 }
        );
        // The end of a line is before its `\r`, whether or not `\n` follows.
        let end0 = idx.offset(text, LineCol { line: 0, col: 9 }, Encoding::Utf16);
        assert_eq!(end0, 1);
        let end1 = idx.offset(text, LineCol { line: 1, col: 9 }, Encoding::Utf16);
        assert_eq!(&text[end1..end1 + 2], "\r\n");
        let c = text.find('c').unwrap();
        assert_eq!(
            idx.offset(text, LineCol { line: 2, col: 0 }, Encoding::Utf8),
            c
        );
        // After a trailing lone `\r` comes an empty last line of its own.
        assert_eq!(
            idx.line_col(text, text.len(), Encoding::Utf16),
            LineCol { line: 4, col: 0 }
        );
        assert_eq!(
            idx.offset(text, LineCol { line: 4, col: 0 }, Encoding::Utf16),
            text.len()
        );
        // Every offset that is not inside a `\r\n` pair round-trips.
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            if text[..i].ends_with('\r') && text[i..].starts_with('\n') {
                continue;
            }
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                assert_eq!(
                    idx.offset(text, idx.line_col(text, i, enc), enc),
                    i,
                    "{i} {enc:?}"
                );
            }
        }
    }

    #[test]
    fn roundtrip_non_ascii_and_astral() {
        let text = "{\"Sid\": \"é😀x\"}\r\nnext";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(
            idx.line_col(text, x, Encoding::Utf16),
            LineCol { line: 0, col: 12 }
        );
        assert_eq!(
            idx.line_col(text, x, Encoding::Utf8),
            LineCol { line: 0, col: 15 }
        );
        assert_eq!(
            idx.offset(text, LineCol { line: 0, col: 12 }, Encoding::Utf16),
            x
        );
        assert_eq!(
            idx.offset(text, LineCol { line: 0, col: 15 }, Encoding::Utf8),
            x
        );
        // Inside the surrogate pair: clamps to the start of the emoji.
        let emoji = text.find('😀').unwrap();
        assert_eq!(
            idx.offset(text, LineCol { line: 0, col: 11 }, Encoding::Utf16),
            emoji
        );
        // Inside a UTF-8 sequence.
        assert_eq!(
            idx.line_col(text, emoji + 2, Encoding::Utf16),
            LineCol { line: 0, col: 10 }
        );
        // Past the end of line (before \r\n) and past the end of the text.
        assert_eq!(
            idx.offset(text, LineCol { line: 0, col: 99 }, Encoding::Utf16),
            text.find('\r').unwrap()
        );
        assert_eq!(
            idx.offset(text, LineCol { line: 9, col: 0 }, Encoding::Utf16),
            text.len()
        );
        assert_eq!(
            idx.line_col(text, 10_000, Encoding::Utf16),
            LineCol { line: 1, col: 4 }
        );
    }
}
