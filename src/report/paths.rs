//! File paths as reports print them.

use std::path::{Component, Path};

/// A file's path relative to the working directory when possible, `/`-separated
/// (what GitHub annotations name), not URI-encoded.
pub fn relative_path(path: &Path) -> String {
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf());
    let parts: Vec<String> = relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
            Component::ParentDir => Some("..".to_string()),
            Component::RootDir => Some(String::new()),
            _ => None,
        })
        .collect();
    parts.join("/")
}

/// The name findings of input read from standard input carry as their file.
pub const STDIN: &str = "<stdin>";

/// Whether a finding's file is standard input, which has no path to point at.
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new(STDIN)
}

/// A finding's file as a text report names it: [`relative_path`], or
/// [`STDIN`] for standard input.
pub fn shown_path(path: &Path) -> String {
    if is_stdin(path) {
        STDIN.to_string()
    } else {
        relative_path(path)
    }
}
