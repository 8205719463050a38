//! Where each byte of a decoded string is in the host file.

/// Maps offsets in a decoded string to offsets in the host file. Stored as breakpoints:
/// from a breakpoint on, decoded and host bytes advance together until the next one
/// (an escape, a folded line break, a stripped indentation).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// (decoded offset, host offset), increasing in both.
    points: Vec<(u32, u32)>,
    /// The decoded length and the host offset right after the last byte.
    len: u32,
    end: u32,
}

impl OffsetMap {
    /// Text copied verbatim from `host_start`.
    pub fn verbatim(host_start: usize, len: usize) -> OffsetMap {
        let mut b = OffsetMapBuilder::new(host_start);
        b.verbatim(len);
        b.finish()
    }
    /// The host offset of decoded offset `at` (clamped to the string). An offset inside
    /// an escape maps to the escape's start; the end maps to the host end.
    pub fn host(&self, at: usize) -> usize {
        let at = u32::try_from(at).unwrap_or(u32::MAX);
        if at >= self.len {
            return self.end as usize;
        }
        let i = self.points.partition_point(|&(d, _)| d <= at);
        match i.checked_sub(1).and_then(|i| self.points.get(i)) {
            Some(&(d, h)) => {
                let next_host = self.points.get(i).map_or(self.end, |&(_, h)| h);
                (h + (at - d)).min(next_host) as usize
            }
            None => self.end as usize,
        }
    }
    /// The host range of decoded `from..to`.
    pub fn host_range(&self, from: usize, to: usize) -> (usize, usize) {
        let start = self.host(from);
        (start, self.host(to).max(start))
    }
    pub fn len(&self) -> usize {
        self.len as usize
    }
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// The host offset of the first byte.
    pub fn start(&self) -> usize {
        self.points.first().map_or(self.end, |p| p.1) as usize
    }
    pub fn end(&self) -> usize {
        self.end as usize
    }
    /// Whether every decoded byte is the host byte at the same distance from the start
    /// (no escapes, folds or stripped indentation in between).
    pub fn is_verbatim(&self) -> bool {
        self.points.len() <= 1 && self.end as usize == self.start() + self.len as usize
    }
    /// The part `from..to` of this map, as a map of its own.
    pub fn slice(&self, from: usize, to: usize) -> OffsetMap {
        let to = to.min(self.len());
        let from = from.min(to);
        let mut b = OffsetMapBuilder::new(self.host(from));
        let mut at = from;
        while at < to {
            // Runs of verbatim bytes up to the next breakpoint.
            let i = self.points.partition_point(|&(d, _)| d as usize <= at);
            let next = self
                .points
                .get(i)
                .map_or(to, |&(d, _)| (d as usize).min(to));
            let host = self.host(at);
            let run = next - at;
            let host_next = if next == to && to == self.len() {
                self.end as usize
            } else {
                self.host(next)
            };
            if host_next == host + run {
                b.verbatim(run);
            } else {
                b.decoded(run, host_next - host);
            }
            at = next;
        }
        b.finish()
    }
}

/// Builds an [`OffsetMap`] from left to right.
pub struct OffsetMapBuilder {
    points: Vec<(u32, u32)>,
    len: u32,
    host: u32,
    /// Whether the last piece continues verbatim from the last breakpoint.
    aligned: bool,
}

impl OffsetMapBuilder {
    pub fn new(host_start: usize) -> OffsetMapBuilder {
        OffsetMapBuilder {
            points: Vec::new(),
            len: 0,
            host: to_u32(host_start),
            aligned: false,
        }
    }
    /// `len` bytes copied verbatim from the current host offset.
    pub fn verbatim(&mut self, len: usize) {
        if len == 0 {
            return;
        }
        if !self.aligned {
            self.points.push((self.len, self.host));
            self.aligned = true;
        }
        self.len += to_u32(len);
        self.host += to_u32(len);
    }
    /// `len` decoded bytes written as `host_len` host bytes (an escape, a fold).
    pub fn decoded(&mut self, len: usize, host_len: usize) {
        if len == host_len {
            return self.verbatim(len);
        }
        if len > 0 {
            self.points.push((self.len, self.host));
        }
        self.len += to_u32(len);
        self.host += to_u32(host_len);
        self.aligned = false;
    }
    /// Host bytes that decode to nothing (stripped indentation, a line continuation).
    pub fn skip(&mut self, host_len: usize) {
        self.decoded(0, host_len);
    }
    /// Jumps to `host` (the next part of the text starts there).
    pub fn jump_to(&mut self, host: usize) {
        let host = to_u32(host);
        if host != self.host {
            self.host = host;
            self.aligned = false;
        }
    }
    pub fn host_offset(&self) -> usize {
        self.host as usize
    }
    pub fn finish(self) -> OffsetMap {
        OffsetMap {
            points: self.points,
            len: self.len,
            end: self.host,
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The map of a JSON string's contents `raw` (between the quotes, as written) starting at
/// host offset `start`: escapes take more host bytes than they decode to.
pub fn json_string_map(raw: &str, start: usize) -> OffsetMap {
    let mut b = OffsetMapBuilder::new(start);
    let bytes = raw.as_bytes();
    let mut i = 0;
    let mut run = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            run += 1;
            continue;
        }
        b.verbatim(run);
        run = 0;
        let (host_len, decoded_len) = json_escape_len(&raw[i..]);
        b.decoded(decoded_len, host_len);
        i += host_len;
    }
    b.verbatim(run);
    b.finish()
}

/// (host bytes, decoded bytes) of the escape at the start of `s` (which starts with `\`).
fn json_escape_len(s: &str) -> (usize, usize) {
    let b = s.as_bytes();
    match b.get(1) {
        Some(b'u') => {
            let hex = |from: usize| {
                s.get(from..from + 4)
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
            };
            match hex(2) {
                Some(hi) if (0xD800..0xDC00).contains(&hi) => {
                    if s.get(6..8) == Some("\\u") {
                        if let Some(lo) = hex(8).filter(|lo| (0xDC00..0xE000).contains(lo)) {
                            let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                            let n = char::from_u32(c).map_or(3, char::len_utf8);
                            return (12, n);
                        }
                    }
                    (6, 3)
                }
                Some(c) => (6, char::from_u32(c).map_or(3, char::len_utf8)),
                None => (2.min(s.len()), 1),
            }
        }
        Some(_) => {
            let n = s[1..].chars().next().map_or(1, char::len_utf8);
            (1 + n, 1)
        }
        None => (1, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbatim_maps_by_distance() {
        let m = OffsetMap::verbatim(10, 5);
        assert_eq!((m.host(0), m.host(3), m.host(5)), (10, 13, 15));
        assert!(m.is_verbatim());
    }

    #[test]
    fn json_escapes_take_more_host_bytes() {
        // a\tb\u0041c : decoded "a\tbAc"
        let raw = r"a\tb\u0041c";
        let m = json_string_map(raw, 100);
        assert_eq!(m.len(), 5);
        let hosts: Vec<usize> = (0..=5).map(|d| m.host(d)).collect();
        assert_eq!(hosts, vec![100, 101, 103, 104, 110, 111]);
        assert!(!m.is_verbatim());
        let s = m.slice(2, 5);
        assert_eq!(
            (s.host(0), s.host(1), s.host(2), s.host(3)),
            (103, 104, 110, 111)
        );
    }

    #[test]
    fn skipped_bytes_move_the_host_on() {
        let mut b = OffsetMapBuilder::new(0);
        b.verbatim(3);
        b.skip(4);
        b.verbatim(2);
        let m = b.finish();
        assert_eq!((m.host(2), m.host(3), m.host(4), m.host(5)), (2, 7, 8, 9));
    }
}
