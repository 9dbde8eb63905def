//! Large inputs are memory-mapped, and the plan loader hands back the pages it
//! has read: a 160 MB plan then never sits in memory whole beside the model
//! built from it (issue 7's memory target: peak under twice the file size).
//!
//! Releasing a page of a read-only file mapping only drops it from this
//! process; touching it again reads it back from the page cache.

use std::path::Path;

use crate::error::Result;

/// Below this, reading the file is cheaper than mapping it.
const MAP_AT_LEAST: u64 = 4 << 20;
/// Pages are handed back in runs of this size, not one call per resource.
const RELEASE_STEP: usize = 8 << 20;

/// The bytes of an input: mapped, or read into memory.
pub enum Bytes {
    Mapped(memmap2::Mmap),
    Read(Vec<u8>),
}

impl Bytes {
    /// A regular file of at most `limit` bytes (checked before it is opened).
    pub fn open(path: &Path, limit: crate::text::bounded::Limit) -> Result<Bytes> {
        let (file, len) = crate::text::bounded::open(path, limit)?;
        if len >= MAP_AT_LEAST {
            // SAFETY: the map is read-only and private to this run. A file
            // truncated by another process while tfward reads it is the one
            // case this does not cover (reading it would fault). Only the
            // checked length is mapped, however much the file grows since.
            if let Ok(map) = unsafe { memmap2::MmapOptions::new().len(len as usize).map(&file) } {
                return Ok(Bytes::Mapped(map));
            }
        }
        Ok(Bytes::Read(crate::text::bounded::read_open(
            path, file, len, limit,
        )?))
    }

    pub fn as_slice(&self) -> &[u8] {
        match self {
            Bytes::Mapped(map) => map,
            Bytes::Read(bytes) => bytes,
        }
    }

    pub fn pager(&self) -> Pager<'_> {
        Pager {
            map: match self {
                Bytes::Mapped(map) => Some(map),
                Bytes::Read(_) => None,
            },
        }
    }
}

/// Hands pages of a mapped input back to the system; does nothing otherwise.
#[derive(Clone, Copy, Default)]
pub struct Pager<'a> {
    map: Option<&'a memmap2::Mmap>,
}

impl Pager<'_> {
    /// Releases the whole pages inside `part`, a slice of the input.
    pub fn release(&self, part: &[u8]) {
        let start = part.as_ptr() as usize;
        self.release_span(start, start + part.len());
    }

    /// Releases the pages of the whole input (after a first scan of it).
    pub fn release_all(&self) {
        if let Some(map) = self.map {
            self.release(map);
        }
    }

    /// Addresses, not a slice: a cursor's span is made of many parts.
    fn release_span(&self, start: usize, end: usize) {
        let Some(map) = self.map else {
            return;
        };
        let base = map.as_ptr() as usize;
        if start < base || end > base + map.len() || end <= start {
            return; // not from the map (decoded UTF-16, say)
        }
        let page = page_size();
        let from = (start - base).div_ceil(page) * page;
        let to = (end - base) / page * page;
        if to > from {
            // SAFETY: a read-only file mapping: the pages come back from the
            // file when touched again, so nothing borrowed from it changes.
            let _ = unsafe {
                map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, from, to - from)
            };
        }
    }

    /// A cursor that releases, in steps, what a loop over consecutive parts
    /// of the input has finished with.
    pub fn cursor(&self) -> ReleaseCursor<'_> {
        ReleaseCursor {
            pager: *self,
            from: None,
            end: 0,
        }
    }
}

pub struct ReleaseCursor<'a> {
    pager: Pager<'a>,
    from: Option<usize>,
    end: usize,
}

impl ReleaseCursor<'_> {
    /// The loop moves on to `part` (a slice of the input after the previous
    /// ones): what lies before it is done with.
    pub fn next(&mut self, part: &str) {
        if self.pager.map.is_none() {
            return;
        }
        let here = part.as_ptr() as usize;
        let start = *self.from.get_or_insert(here);
        self.end = here + part.len();
        if here > start && here - start >= RELEASE_STEP {
            self.pager.release_span(start, here);
            self.from = Some(here);
        }
    }
}

impl Drop for ReleaseCursor<'_> {
    /// The tail of the run, since the last step, is done with too.
    fn drop(&mut self) {
        if let Some(start) = self.from {
            self.pager.release_span(start, self.end);
        }
    }
}

fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    let size = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if size > 0 { size as usize } else { 4096 }
}
