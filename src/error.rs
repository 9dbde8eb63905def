//! The one error type of the library; `main` prints it and exits 2.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {}", plain_io(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Malformed input, with the position when the parser gives one.
    #[error("{}: {message}", position(path, *line, *column))]
    Parse {
        path: PathBuf,
        line: Option<usize>,
        column: Option<usize>,
        message: String,
    },
    /// Well-formed input that tfward cannot use (unknown file type, raw state...).
    #[error("{path}: {message}")]
    Input { path: PathBuf, message: String },
    #[error("{0}")]
    Usage(String),
}

/// The OS's words without Rust's " (os error 2)" suffix, which means nothing to a user.
fn plain_io(source: &std::io::Error) -> String {
    match source.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let text = source.to_string();
            match text.find(" (os error ") {
                Some(at) => text[..at].to_string(),
                None => text,
            }
        }
    }
}

fn position(path: &std::path::Path, line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("{}:{l}:{c}", path.display()),
        (Some(l), None) => format!("{}:{l}", path.display()),
        _ => path.display().to_string(),
    }
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub fn input(path: impl Into<PathBuf>, message: impl Into<String>) -> Error {
        Error::Input {
            path: path.into(),
            message: message.into(),
        }
    }

    /// A serde_json error, which carries line and column.
    pub fn json(path: impl Into<PathBuf>, err: &serde_json::Error) -> Error {
        let message = err.to_string();
        // serde_json appends " at line L column C"; the position is printed separately.
        let message = match message.rfind(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        Error::Parse {
            path: path.into(),
            line: Some(err.line()).filter(|&l| l > 0),
            column: Some(err.column()).filter(|_| err.line() > 0),
            message: format!("invalid JSON: {}", plain_message(&message)),
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// A serde_json message in the user's words: "invalid type: map, expected a
/// sequence" becomes "expected a list, found an object". The found value's
/// text is left out: it is the input's, and may be anything.
pub fn plain_serde_message(err: &serde_json::Error) -> String {
    let message = err.to_string();
    let message = match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => &message,
    };
    plain_message(message)
}

fn plain_message(message: &str) -> String {
    for (prefix, lead) in [("invalid type: ", ""), ("invalid value: ", "a value ")] {
        if let Some(rest) = message.strip_prefix(prefix)
            && let Some((found, expected)) = rest.rsplit_once(", expected ")
        {
            return format!(
                "expected {lead}{}, found {}",
                plain_kind(expected),
                plain_kind(found)
            );
        }
    }
    message.to_string()
}

/// A serde type description (either side of "invalid type") as a JSON type.
fn plain_kind(kind: &str) -> &str {
    let first = kind
        .split([' ', '`', '"'])
        .find(|w| !w.is_empty())
        .unwrap_or("");
    match first {
        "string" | "char" => "a string",
        "boolean" => "true or false",
        "integer" | "floating" => "a number",
        "map" | "struct" => "an object",
        "sequence" | "array" | "tuple" => "a list",
        "null" | "unit" => "null",
        "a" | "an" => match kind {
            "a sequence" | "an array" | "a list" | "a tuple" => "a list",
            "a map" | "an object" => "an object",
            "a string" | "a borrowed string" => "a string",
            "a boolean" => "true or false",
            _ if kind.starts_with("an object") || kind.starts_with("a module") => "an object",
            _ => kind,
        },
        _ => "another type",
    }
}

/// `; did you mean `x`?` naming the known names closest to a mistyped one
/// (a few edits away), or nothing when none is close: a typo in a rule id
/// must not read as "this rule does not exist".
pub fn did_you_mean<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    let word = word.to_lowercase();
    // Up to a third of the word may be wrong, and always one or two letters.
    let limit = (word.chars().count() / 3).max(2);
    let mut best: Vec<&str> = Vec::new();
    let mut best_distance = usize::MAX;
    for name in known {
        let distance = strsim::levenshtein(&word, &name.to_lowercase());
        if distance > limit || distance > best_distance {
            continue;
        }
        if distance < best_distance {
            best.clear();
            best_distance = distance;
        }
        if !best.contains(&name) {
            best.push(name);
        }
    }
    best.truncate(3);
    match best.as_slice() {
        [] => String::new(),
        names => format!(
            "; did you mean {}?",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(" or ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::plain_message;

    #[test]
    fn serde_type_errors_read_as_json_types() {
        for (serde, plain) in [
            (
                "invalid type: map, expected a sequence",
                "expected a list, found an object",
            ),
            (
                "invalid type: string \"x\\ny\", expected struct PlanResource",
                "expected an object, found a string",
            ),
            (
                "invalid type: integer `5`, expected a string",
                "expected a string, found a number",
            ),
            (
                "invalid type: boolean `true`, expected an array",
                "expected a list, found true or false",
            ),
            ("EOF while parsing a value", "EOF while parsing a value"),
        ] {
            assert_eq!(plain_message(serde), plain);
        }
    }
}
