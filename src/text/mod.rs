//! Text shared by every room: bounded reads, decoding (BOMs, UTF-16) and
//! byte offset to line numbers. Nothing here knows an input format.

pub mod bounded;
pub mod json;

use crate::error::{Error, Result};
use bounded::Limit;
use std::path::Path;

/// Reads a regular file of at most `limit` bytes as text, sniffing BOMs
/// (PowerShell writes UTF-16).
pub fn read_text(path: &Path, limit: Limit) -> Result<String> {
    let bytes = bounded::read(path, limit)?;
    Ok(decode_text(path, &bytes)?.into_owned())
}

/// Reads the resolved path `real`, its errors naming `shown` (the path as the
/// user knows it).
pub fn read_text_as(real: &Path, shown: &Path, limit: Limit) -> Result<String> {
    let bytes = bounded::read(real, limit).map_err(|e| named(e, shown))?;
    Ok(decode_text(shown, &bytes)?.into_owned())
}

/// `e`, naming `path` instead of the path it names.
fn named(e: Error, path: &Path) -> Error {
    let path = path.to_path_buf();
    match e {
        Error::Io { source, .. } => Error::Io { path, source },
        Error::Input { message, .. } => Error::Input { path, message },
        Error::Parse {
            line,
            column,
            message,
            ..
        } => Error::Parse {
            path,
            line,
            column,
            message,
        },
        other => other,
    }
}

/// Decodes UTF-8 (with or without BOM) and UTF-16 LE/BE with BOM. UTF-8 is
/// borrowed, not copied: plans run to hundreds of megabytes.
pub fn decode_text<'a>(path: &Path, bytes: &'a [u8]) -> Result<std::borrow::Cow<'a, str>> {
    let utf16 = |le: bool| -> Result<String> {
        let body = &bytes[2..];
        if !body.len().is_multiple_of(2) {
            return Err(Error::input(
                path,
                "truncated UTF-16 text (odd number of bytes)",
            ));
        }
        let units = body.chunks_exact(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<std::result::Result<String, _>>()
            .map_err(|_| Error::input(path, "invalid UTF-16 text"))
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => std::str::from_utf8(rest),
        [0xFF, 0xFE, ..] => return utf16(true).map(Into::into),
        [0xFE, 0xFF, ..] => return utf16(false).map(Into::into),
        _ => std::str::from_utf8(bytes),
    }
    .map(Into::into)
    .map_err(|e| {
        Error::input(
            path,
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.valid_up_to()
            ),
        )
    })
}

/// Line starts of one text, built once: a byte offset then finds its line by
/// binary search, so numbering every block of a large file stays linear.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offsets just after each `\n`.
    line_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let line_starts = text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i + 1)
            .collect();
        LineIndex {
            line_starts,
            len: text.len(),
        }
    }

    /// 1-based line number of a byte offset (an offset past the end is on the last line).
    pub fn line(&self, offset: usize) -> u32 {
        let offset = offset.min(self.len);
        // Lines before `offset` end with a newline at an index below it.
        self.line_starts.partition_point(|&start| start <= offset) as u32 + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index agrees with counting newlines before the offset, at every offset.
    #[test]
    fn line_index_counts_newlines_before_the_offset() {
        for text in ["", "a", "\n", "a\nb", "a\n\nb\n", "\r\nx\r\n\ny", "é\nü\n"] {
            let index = LineIndex::new(text);
            for offset in 0..=text.len() + 2 {
                let end = offset.min(text.len());
                let want = text.as_bytes()[..end]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count() as u32
                    + 1;
                assert_eq!(index.line(offset), want, "{text:?} at {offset}");
            }
        }
    }
}
