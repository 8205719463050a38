//! Values of a big host file read ahead on all cores, for the one-pass readers
//! (`json_fast`, `yaml_fast`): each picks where a template's resources start, reads
//! each there on its own, then reads the file once, taking a value read ahead when it
//! reaches its offset. The readers' values depend only on where they start (offset,
//! depth, column), so the tree is the one the single pass would build; a wrong pick
//! costs time, never a different tree.

/// From this size a template's resources are read ahead.
const FROM_BYTES: usize = 256 * 1024;

/// Values by offset, increasing; taken once each, in order.
pub(super) struct ReadAhead<T> {
    items: Vec<(usize, Option<T>)>,
    next: usize,
}

impl<T: Send> ReadAhead<T> {
    /// Nothing read ahead (a small file, or the one-pass reading the tests compare with).
    pub fn none() -> ReadAhead<T> {
        ReadAhead {
            items: Vec::new(),
            next: 0,
        }
    }

    /// `read` at each of `starts`, on all cores: the offset the value is for (in the
    /// order of `starts`) and the value, or `None` to leave that start out.
    pub fn read(starts: &[usize], read: impl Fn(usize) -> Option<(usize, T)> + Sync) -> Self {
        ReadAhead {
            items: crate::parallel::parallel_map(starts, |&s| read(s))
                .into_iter()
                .flatten()
                .flatten()
                .map(|(at, v)| (at, Some(v)))
                .collect(),
            next: 0,
        }
    }

    /// `read_ahead(text)` for a big text, nothing for a small one (threads would cost
    /// more than they save).
    pub fn when_big(text: &str, read_ahead: impl FnOnce(&str) -> Self) -> Self {
        if text.len() >= FROM_BYTES {
            read_ahead(text)
        } else {
            ReadAhead::none()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The value read ahead for offset `at`, if any. Offsets asked for must increase.
    pub fn take(&mut self, at: usize) -> Option<T> {
        while self.items.get(self.next).is_some_and(|(o, _)| *o < at) {
            self.next += 1;
        }
        let (o, v) = self.items.get_mut(self.next)?;
        if *o != at {
            return None;
        }
        v.take()
    }
}
