//! The two ways tfward writes outside its report stream, both hardened for
//! hostile input: messages on stderr (`message`), and files it replaces
//! (`replace_file`).
//!
//! CI runners parse stderr as well as stdout for commands (GitHub's `::cmd::`
//! at the start of a line, and the legacy `##[cmd]` anywhere in one), and the
//! texts of messages carry file names, module sources and addresses from the
//! checked files. So every message is one line with its control characters
//! escaped; no other code writes to stderr.

use crate::error::{Error, Result};
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

/// Writes `text` to `err` as one line, escaped by [`escape_line`].
/// A failing stderr is ignored: there is nowhere left to report it.
pub fn message(err: &mut dyn Write, text: std::fmt::Arguments) {
    let mut line = escape_line(&text.to_string()).into_owned();
    line.push('\n');
    let _ = err.write_all(line.as_bytes());
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
}
