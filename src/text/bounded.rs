//! Every read of input goes through here: only regular files, and never more
//! than a size limit. A checked tree is hostile: a path may name /dev/zero, a
//! FIFO that never delivers, or a file larger than memory.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

use crate::error::{Error, Result};

const KIB: u64 = 1 << 10;
const MIB: u64 = 1 << 20;
const GIB: u64 = 1 << 30;

/// The size limits of one run (`--max-input-size`, `--max-file-size`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Plans and JSON inputs, standard input, CDKTF stacks. Real plans run to
    /// a few hundred MiB.
    pub input: u64,
    /// Configuration-side files: HCL, variable files, policies, `.tfward.hcl`,
    /// and each file a `file()`-family function reads.
    pub file: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            input: GIB,
            file: 16 * MIB,
        }
    }
}

impl Limits {
    pub fn input(&self) -> Limit {
        Limit {
            bytes: self.input,
            what: "input",
            flag: "--max-input-size",
        }
    }

    pub fn file(&self) -> Limit {
        Limit {
            bytes: self.file,
            what: "file",
            flag: "--max-file-size",
        }
    }
}

/// One limit, with the words to explain it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub bytes: u64,
    what: &'static str,
    flag: &'static str,
}

impl Limit {
    /// "larger than the 16 MiB file limit (use --max-file-size to raise it)"
    pub fn exceeded(&self) -> String {
        format!(
            "larger than the {} {} limit (use {} to raise it)",
            human_size(self.bytes),
            self.what,
            self.flag
        )
    }
}

/// `1 GiB`, `16 MiB`, `1 KiB`, or a count of bytes.
pub fn human_size(bytes: u64) -> String {
    for (unit, name) in [(GIB, "GiB"), (MIB, "MiB"), (KIB, "KiB")] {
        if bytes >= unit && bytes.is_multiple_of(unit) {
            return format!("{} {name}", bytes / unit);
        }
    }
    format!("{bytes} bytes")
}

/// Parses a size flag: `1GiB`, `512MiB`, `64KiB`, `4096`; `KB`/`MB`/`GB` are
/// powers of ten, `K`/`M`/`G` and the `i` forms powers of two.
pub fn parse_size(text: &str) -> std::result::Result<u64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let number: u64 = digits
        .parse()
        .map_err(|_| format!("`{text}` is not a size: expected e.g. 1GiB, 512MiB or 4096"))?;
    let scale = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => KIB,
        "m" | "mib" => MIB,
        "g" | "gib" => GIB,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        _ => {
            return Err(format!(
                "`{text}`: unknown unit `{unit}` (use KiB, MiB or GiB)"
            ));
        }
    };
    match number.checked_mul(scale) {
        Some(0) => Err("the size must be at least 1 byte".to_string()),
        Some(bytes) => Ok(bytes),
        None => Err(format!("`{text}` is too large")),
    }
}

/// What a non-regular file is, in plain words.
fn kind_of(meta: &Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a named pipe";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "not a file"
}

/// Why a file with this metadata is not read, if it is not: a directory,
/// device, pipe or socket, or larger than `limit`.
pub fn refusal(meta: &Metadata, limit: Limit) -> Option<String> {
    if !meta.is_file() {
        return Some(format!(
            "not a regular file ({}); tfward reads only regular files",
            kind_of(meta)
        ));
    }
    (meta.len() > limit.bytes).then(|| limit.exceeded())
}

/// Checks `path` before it is opened (opening a FIFO would block): a regular
/// file (links followed) within `limit`.
pub fn check(path: &Path, limit: Limit) -> Result<Metadata> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    match refusal(&meta, limit) {
        Some(why) => Err(Error::input(path, why)),
        None => Ok(meta),
    }
}

/// Opens a checked regular file; returns it with its length.
pub fn open(path: &Path, limit: Limit) -> Result<(File, u64)> {
    check(path, limit)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    // Non-blocking: a file swapped for a FIFO after the check cannot hang the
    // open. Reads of a regular file ignore the flag.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(|e| Error::io(path, e))?;
    // The file opened is the one checked, not one put there since.
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if let Some(why) = refusal(&meta, limit) {
        return Err(Error::input(path, why));
    }
    Ok((file, meta.len()))
}

/// Reads at most `limit` bytes from `reader`; more is an error made by
/// `too_large`. `expected` is the size the reader should have (0 when not
/// known). The buffer grows by doubling, but never past the limit: standard
/// input of /dev/zero then costs the limit, not twice it.
fn read_capped(
    mut reader: impl Read,
    expected: u64,
    limit: Limit,
    fail: impl Fn(std::io::Error) -> Error,
    too_large: impl Fn() -> Error,
) -> Result<Vec<u8>> {
    // One byte past the limit tells a file at the limit from one over it.
    let cap = usize::try_from(limit.bytes.saturating_add(1)).unwrap_or(usize::MAX);
    // One byte past the expected size: its end is then read without growing.
    let first = usize::try_from(expected.saturating_add(1))
        .unwrap_or(usize::MAX)
        .max(8 << 10)
        .min(cap);
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let len = bytes.len();
        let room = if len == 0 { first } else { len.min(cap - len) };
        if room == 0 {
            break;
        }
        bytes.reserve_exact(room);
        // Fills the room reserved, no more: the vector does not double itself.
        let read = (&mut reader)
            .take(room as u64)
            .read_to_end(&mut bytes)
            .map_err(&fail)?;
        if read < room {
            break; // the end of the input
        }
    }
    let len = bytes.len();
    if len as u64 > limit.bytes {
        return Err(too_large());
    }
    Ok(bytes)
}

/// The bytes of a regular file of at most `limit` bytes.
pub fn read(path: &Path, limit: Limit) -> Result<Vec<u8>> {
    let (file, len) = open(path, limit)?;
    read_open(path, file, len, limit)
}

/// Reads a file `open` returned, capped again: it may have grown since.
pub fn read_open(path: &Path, file: File, len: u64, limit: Limit) -> Result<Vec<u8>> {
    read_capped(
        file,
        len,
        limit,
        |e| Error::io(path, e),
        || Error::input(path, limit.exceeded()),
    )
}

/// Standard input, up to `limit` bytes (no metadata to check: a pipe).
pub fn read_stdin(limit: Limit) -> Result<Vec<u8>> {
    read_capped(
        std::io::stdin().lock(),
        0,
        limit,
        |e| Error::io("<stdin>", e),
        || Error::input("<stdin>", format!("standard input is {}", limit.exceeded())),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_in_binary_and_decimal_units() {
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("1GiB"), Ok(GIB));
        assert_eq!(parse_size("512MiB"), Ok(512 * MIB));
        assert_eq!(parse_size("64k"), Ok(64 * KIB));
        assert_eq!(parse_size("2 MB"), Ok(2_000_000));
        assert!(parse_size("0").is_err());
        assert!(parse_size("lots").is_err());
        assert!(parse_size("1TiB").is_err());
        assert!(parse_size("99999999999999999999GiB").is_err());
    }

    #[test]
    fn sizes_print_in_the_largest_whole_unit() {
        assert_eq!(human_size(GIB), "1 GiB");
        assert_eq!(human_size(16 * MIB), "16 MiB");
        assert_eq!(human_size(1536), "1536 bytes");
        assert_eq!(human_size(2 * KIB), "2 KiB");
    }

    #[test]
    fn reads_stop_at_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, [b'x'; 2048]).unwrap();
        let limits = Limits {
            input: 2048,
            file: 2047,
        };
        assert_eq!(read(&path, limits.input()).unwrap().len(), 2048);
        let err = read(&path, limits.file()).unwrap_err().to_string();
        assert!(
            err.ends_with(
                "larger than the 2047 bytes file limit (use --max-file-size to raise it)"
            ),
            "{err}"
        );
        let err = read(dir.path(), limits.input()).unwrap_err().to_string();
        assert!(err.contains("not a regular file (a directory)"), "{err}");
        let err = read(Path::new("/dev/null"), limits.input())
            .unwrap_err()
            .to_string();
        assert!(err.contains("not a regular file (a device)"), "{err}");
    }
}
