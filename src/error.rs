//! The one error type of the library; `main` prints it and exits 2.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
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
            message: format!("invalid JSON: {message}"),
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
