//! How tfward writes, hardened for hostile input: messages on stderr
//! (`message`), every line printed (`LineFilter`), and `--output` targets
//! (`write_output`: a file replaced whole, a stream written through).
//!
//! CI runners parse stderr as well as stdout for commands (GitHub's `::cmd::`
//! at the start of a line, and the legacy `##[cmd]` anywhere in one), and
//! reports and messages carry file names, module sources and addresses from
//! the checked files. So every message is one line with its control
//! characters escaped, and whatever reaches stdout or stderr passes a
//! `LineFilter` (`main` wraps both; `stderr()` is the only way to stderr).

use crate::error::{Error, Result};
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

/// Writes `text` to `err` as one line, escaped by [`escape_line`] and
/// passed through a [`LineFilter`] (the line could start with `::`).
/// A failing stderr is ignored: there is nowhere left to report it.
pub fn message(err: &mut dyn Write, text: std::fmt::Arguments) {
    let mut line = escape_line(&text.to_string()).into_owned();
    line.push('\n');
    let mut filter = LineFilter::new(Vec::with_capacity(line.len()), Escapes::Text);
    let _ = filter.write_all(line.as_bytes());
    let _ = err.write_all(&filter.into_inner());
}

/// Stderr behind a [`LineFilter`]: the only way to it outside this module
/// (a test scans the sources).
pub fn stderr() -> LineFilter<std::io::Stderr> {
    LineFilter::new(std::io::stderr(), Escapes::Text)
}

/// How a [`LineFilter`] writes the character it neutralises, in the syntax
/// of the output, so the text still reads (or parses) as what it said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escapes {
    /// `\u{3a}`, `\u{5b}`, as [`escape_line`] writes them.
    Text,
    /// HTML, SVG: character references.
    Markup,
    /// JSON: `#` and `:` occur only inside strings, where `\u005b` is `[`.
    Json,
}

impl Escapes {
    fn colon(self) -> &'static [u8] {
        match self {
            Escapes::Text => b"\\u{3a}",
            Escapes::Markup => b"&#58;",
            Escapes::Json => b"\\u003a",
        }
    }
    fn bracket(self) -> &'static [u8] {
        match self {
            Escapes::Text => b"\\u{5b}",
            Escapes::Markup => b"&#91;",
            Escapes::Json => b"\\u005b",
        }
    }
}

/// What the runner trims from a line before it looks for `::` (.NET's
/// `TrimStart`), and a little more: skipping too much only escapes more.
fn trimmed(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}')
}

/// A writer that lets no line reach `inner` as a workflow command: the first
/// `:` of a line whose first non-blank characters are `::`, and the `[` of
/// every `##[`, are escaped. Lines end at `\n` or `\r` (the runner splits on
/// both). Everything else, control characters and colours included, passes
/// as written: this is the last line of defence for whatever tfward prints,
/// so no report or message has to get line starts right by itself.
pub struct LineFilter<W: Write> {
    inner: W,
    escapes: Escapes,
    /// Nothing but blanks written on this line yet.
    at_start: bool,
    /// The blanks (and perhaps one `:`) at a line start, held until the first
    /// other character says whether the line starts with `::`.
    lead: Vec<u8>,
    /// How many `#` end what was written on this line (at most 2).
    hashes: u8,
}

impl<W: Write> LineFilter<W> {
    pub fn new(inner: W, escapes: Escapes) -> Self {
        LineFilter {
            inner,
            escapes,
            at_start: true,
            lead: Vec::new(),
            hashes: 0,
        }
    }

    /// The inner writer; a held line start is dropped (call `flush` first).
    pub fn into_inner(self) -> W {
        self.inner
    }

    /// The rest of a line after its start is decided: only `##[` to break.
    fn body(&mut self, bytes: &[u8], out: &mut Vec<u8>) {
        for &b in bytes {
            if b == b'[' && self.hashes >= 2 {
                out.extend_from_slice(self.escapes.bracket());
            } else {
                out.push(b);
            }
            self.hashes = if b == b'#' {
                (self.hashes + 1).min(2)
            } else {
                0
            };
        }
    }

    /// Part of one line (no line break in `bytes`).
    fn part(&mut self, bytes: &[u8], out: &mut Vec<u8>) {
        if !self.at_start {
            return self.body(bytes, out);
        }
        let mut lead = std::mem::take(&mut self.lead);
        lead.extend_from_slice(bytes);
        let (valid, cut) = match std::str::from_utf8(&lead) {
            Ok(s) => (s, false),
            Err(e) => (
                std::str::from_utf8(&lead[..e.valid_up_to()]).unwrap_or_default(),
                e.error_len().is_none(),
            ),
        };
        let first = valid
            .char_indices()
            .find(|&(_, c)| !trimmed(c))
            .map(|(i, _)| i);
        let decided = match first {
            // A lone `:` last: the next byte decides.
            Some(i) => lead[i..] != *b":",
            // Only blanks so far, or blanks and a character cut in two: the
            // next bytes decide. Blanks and a byte that is no character: no
            // command.
            None => valid.len() < lead.len() && !cut,
        };
        if !decided {
            self.lead = lead;
            return;
        }
        self.at_start = false;
        match first {
            Some(i) if lead[i..].starts_with(b"::") => {
                out.extend_from_slice(&lead[..i]);
                out.extend_from_slice(self.escapes.colon());
                self.body(&lead[i + 1..], out);
            }
            _ => self.body(&lead, out),
        }
    }

    /// Ends the line: what was held is written as it is (a line of blanks,
    /// or blanks and one `:`, is no command).
    fn end_line(&mut self, out: &mut Vec<u8>) {
        out.append(&mut self.lead);
        self.at_start = true;
        self.hashes = 0;
    }
}

impl<W: Write> Write for LineFilter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut out = Vec::with_capacity(buf.len() + 8);
        let mut rest = buf;
        while let Some(pos) = rest.iter().position(|&b| b == b'\n' || b == b'\r') {
            self.part(&rest[..pos], &mut out);
            self.end_line(&mut out);
            out.push(rest[pos]);
            rest = &rest[pos + 1..];
        }
        self.part(rest, &mut out);
        self.inner.write_all(&out)?;
        Ok(buf.len())
    }

    /// Writes a held line start too: a lone `:` escaped, since what follows
    /// could be another `:`.
    fn flush(&mut self) -> std::io::Result<()> {
        if !self.lead.is_empty() {
            let mut lead = std::mem::take(&mut self.lead);
            if lead.last() == Some(&b':') {
                lead.pop();
                lead.extend_from_slice(self.escapes.colon());
                self.at_start = false;
            }
            self.inner.write_all(&lead)?;
        }
        self.inner.flush()
    }
}

/// A character that must not reach a log line as itself: controls (C0, DEL,
/// C1), the Unicode line and paragraph separators, and the bidi controls
/// that make a line read differently from what it holds.
fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{061c}' | '\u{200e}' | '\u{200f}'
        )
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// `text` as one inert line: `\n`, `\r`, `\t` as those two-character
/// escapes, other unsafe characters as `\u{..}`, and the `[` of `##[` (a
/// legacy workflow command, parsed anywhere in a line) as `\u{5b}`.
pub fn escape_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unsafe_char) && !text.contains("##[") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '[' if out.ends_with("##") => out.push_str("\\u{5b}"),
            c if unsafe_char(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Serialized JSON with the `[` of every `##[` written as `\u005b`: the same
/// document (`#` occurs only inside strings, where `\u005b` is `[`), but no
/// legacy workflow command for a runner reading it line by line. Newlines
/// in strings are already `\n`, and a pretty-printed line starts with
/// whitespace, `"`, or a bracket, never with `::`.
pub fn escape_json(text: String) -> String {
    if text.contains("##[") {
        text.replace("##[", "##\\u005b")
    } else {
        text
    }
}

/// Copies `from` (a child's output) to stderr through a [`LineFilter`] on a
/// thread of its own, until `from` ends; join the handle to wait for it. A
/// line is written at once where it fits one read, so two streams forwarded
/// together interleave by lines. A failing stderr drops the rest.
pub fn forward_to_stderr(from: impl std::io::Read + Send + 'static) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        use std::io::BufRead;
        let mut from = std::io::BufReader::new(from);
        let mut filter = LineFilter::new(Vec::new(), Escapes::Text);
        loop {
            let chunk = match from.fill_buf() {
                Ok([]) => break,
                Ok(chunk) => chunk,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            };
            let take = chunk
                .iter()
                .position(|&b| b == b'\n')
                .map_or(chunk.len(), |i| i + 1);
            let _ = filter.write_all(&chunk[..take]);
            from.consume(take);
            let mut err = std::io::stderr().lock();
            if err.write_all(&filter.inner).is_err() {
                break;
            }
            filter.inner.clear();
        }
        let _ = filter.flush();
        let _ = std::io::stderr().lock().write_all(&filter.inner);
    })
}

/// Writes what `fill` writes to the `--output` target `path`: a file is
/// replaced whole ([`replace_file`]); a stream is written to, through a
/// [`LineFilter`] with `escapes` (`None`: unfiltered), since what is written
/// there may well reach a log. A stream is anything but a regular file
/// (a FIFO, a device: no checkout can hold one, so the user named it) or a
/// symbolic link in `/dev` or `/proc` (`/dev/stdout`, `/dev/fd/63` from
/// `>(cmd)`: no checkout reaches there). Another symbolic link is replaced,
/// not followed, as a checkout may have planted it.
pub fn write_output(
    path: &Path,
    escapes: Option<Escapes>,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    if !is_stream(path) {
        return replace_file(path, fill);
    }
    let io_err = |e| Error::io(path, e);
    // Appending: a regular file behind /dev/stdout (`> log`) may hold what
    // others wrote first; a FIFO or device has no position. Opening a FIFO
    // waits for its reader.
    let file = std::fs::OpenOptions::new()
        .append(true)
        .open(path)
        .map_err(io_err)?;
    let mut writer = std::io::BufWriter::new(file);
    match escapes {
        Some(escapes) => {
            let mut filter = LineFilter::new(&mut writer, escapes);
            fill(&mut filter).and_then(|()| filter.flush())
        }
        None => fill(&mut writer).and_then(|()| writer.flush()),
    }
    .map_err(io_err)
}

/// See [`write_output`].
fn is_stream(path: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return false;
    };
    if !meta.is_symlink() {
        return !meta.is_file();
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    dir.canonicalize()
        .is_ok_and(|d| d.starts_with("/dev") || d.starts_with("/proc"))
}

/// Replaces the file at `path` with what `fill` writes, or leaves it as it was:
/// the content goes to a temporary file in the same directory, which is
/// renamed over `path` only once it is complete. A failure removes the
/// temporary file. A symbolic link at `path` is replaced, not followed (a
/// checked-out pull request may have planted one). A new file gets the
/// permissions `File::create` would give it; an existing one keeps its own.
pub fn replace_file(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let io_err = |e| Error::io(path, e);
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".tfward-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The mode passes through the umask, as with File::create.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(dir).map_err(io_err)?;
    if let Ok(meta) = std::fs::symlink_metadata(path)
        && meta.is_file()
    {
        temp.as_file()
            .set_permissions(meta.permissions())
            .map_err(io_err)?;
    }
    let mut writer = std::io::BufWriter::new(temp);
    fill(&mut writer).map_err(io_err)?;
    let temp = writer.into_inner().map_err(|e| io_err(e.into_error()))?;
    temp.persist(path).map_err(|e| io_err(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_a_log_could_read_as_structure() {
        assert_eq!(escape_line("plain: text [x]"), "plain: text [x]");
        assert_eq!(
            escape_line("a\nb\rc\td\u{1b}[1m\u{7f}\u{9b}"),
            r"a\nb\rc\td\u{1b}[1m\u{7f}\u{9b}"
        );
        assert_eq!(
            escape_line("x\u{2028}y\u{2029}\u{202e}\u{2066}"),
            r"x\u{2028}y\u{2029}\u{202e}\u{2066}"
        );
        assert_eq!(escape_line("see ##[error]x"), r"see ##\u{5b}error]x");
        assert_eq!(escape_line("# [a] #[b]"), "# [a] #[b]");
        assert_eq!(escape_line("é ü 東京"), "é ü 東京");
    }

    #[test]
    fn escaped_json_is_the_same_document() {
        let value = serde_json::json!({"a": "x\n::error::y ##[error]z ###[w"});
        let text = escape_json(serde_json::to_string_pretty(&value).unwrap());
        assert!(!text.contains("##["), "{text}");
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            value
        );
    }

    #[test]
    fn a_message_is_one_line() {
        let mut buf = Vec::new();
        message(&mut buf, format_args!("tfward: note: {}", "a\n::error::b"));
        assert_eq!(buf, b"tfward: note: a\\n::error::b\n");
    }

    #[test]
    fn a_failed_fill_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        let failed = replace_file(&path, |w| {
            w.write_all(b"half")?;
            Err(std::io::Error::other("disk on fire"))
        });
        let err = failed.unwrap_err().to_string();
        assert!(
            err.contains("out.txt") && err.contains("disk on fire"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);

        replace_file(&path, |w| w.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    fn filtered(parts: &[&str], escapes: Escapes) -> String {
        let mut f = LineFilter::new(Vec::new(), escapes);
        for p in parts {
            f.write_all(p.as_bytes()).unwrap();
        }
        f.flush().unwrap();
        String::from_utf8(f.into_inner()).unwrap()
    }

    #[test]
    fn no_line_starts_a_workflow_command() {
        let t = Escapes::Text;
        assert_eq!(filtered(&["::warning::a"], t), r"\u{3a}:warning::a");
        assert_eq!(
            filtered(&["x\n  ::notice::a\r\t::b\n"], t),
            "x\n  \\u{3a}:notice::a\r\t\\u{3a}:b\n"
        );
        // Split anywhere across writes.
        assert_eq!(filtered(&[" ", ":", ":x"], t), r" \u{3a}:x");
        assert_eq!(
            filtered(&["\u{3000}\u{a0}::x"], t),
            "\u{3000}\u{a0}\\u{3a}:x"
        );
        let ideographic = "\u{3000}".as_bytes();
        let mut f = LineFilter::new(Vec::new(), t);
        f.write_all(&ideographic[..1]).unwrap();
        f.write_all(&ideographic[1..]).unwrap();
        f.write_all(b"::x").unwrap();
        assert_eq!(f.into_inner(), "\u{3000}\\u{3a}:x".as_bytes());
        assert_eq!(
            filtered(&["a#", "#", "[b ##[c"], t),
            r"a##\u{5b}b ##\u{5b}c"
        );
        assert_eq!(filtered(&["a ::b :c\n:c\n:"], t), "a ::b :c\n:c\n\\u{3a}");
        assert_eq!(filtered(&["\u{1b}[1m::x é"], t), "\u{1b}[1m::x é");
        assert_eq!(
            filtered(&["  ::x ##[y"], Escapes::Markup),
            "  &#58;:x ##&#91;y"
        );
        assert_eq!(
            filtered(&["::x ##[y"], Escapes::Json),
            r"\u003a:x ##\u005by"
        );
    }

    #[test]
    fn a_message_cannot_start_with_a_command() {
        let mut buf = Vec::new();
        message(&mut buf, format_args!("::add-mask::{}", "x"));
        assert_eq!(buf, b"\\u{3a}:add-mask::x\n");
    }
}
