//! Filesystem functions (`file`, `filebase64`, `fileexists`, `basename`,
//! `dirname`) and `Files`, what they and `templatefile` may read.

use super::{Env, Function, Unknowns::Whole, string_arg};
use crate::load::tree::{Located, Tree};
use crate::model::value::Value;
use crate::text::bounded::{self, Limit};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use std::cell::RefCell;
use std::path::{Path, PathBuf};

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("basename", 1, 1, Whole, basename),
    Function::new("dirname", 1, 1, Whole, dirname),
    Function::new("file", 1, 1, Whole, file),
    Function::new("filebase64", 1, 1, Whole, filebase64),
    Function::new("fileexists", 1, 1, Whole, fileexists),
];

/// What the file functions (`file`, `filebase64`, `fileexists`,
/// `templatefile`) may read: regular files inside the checked tree, links
/// resolved, each within the file size limit. The checked tree is hostile: a
/// `file("/proc/self/environ")` would otherwise put the runner's secrets in
/// a public report. A refused read is unknown, and noted once per file.
#[derive(Debug)]
pub struct Files {
    /// Relative paths resolve from the root module, as in Terraform (canonical).
    dir: PathBuf,
    /// The checked tree (`tree::Tree::of`); `None` when it cannot be resolved.
    tree: Option<Tree>,
    limit: Limit,
    notes: RefCell<Vec<String>>,
}

/// Where a file function's path leads.
enum Found {
    Missing,
    /// Inside the tree, links resolved.
    File(PathBuf),
}

impl Files {
    pub fn new(root_dir: &Path, limit: Limit) -> Files {
        Files::in_tree(root_dir, Tree::of(root_dir).ok(), limit)
    }

    /// Files of the root module in `root_dir`, whose tree is already known.
    pub fn in_tree(root_dir: &Path, tree: Option<Tree>, limit: Limit) -> Files {
        Files {
            dir: std::fs::canonicalize(root_dir).unwrap_or_else(|_| root_dir.to_path_buf()),
            tree,
            limit,
            notes: RefCell::new(Vec::new()),
        }
    }

    /// Reads nothing: for literals (policies, variable files), which name no tree.
    pub fn none() -> Files {
        Files {
            dir: PathBuf::new(),
            tree: None,
            limit: bounded::Limits::default().file(),
            notes: RefCell::new(Vec::new()),
        }
    }

    /// The notes about refused files, each once.
    pub fn take_notes(&self) -> Vec<String> {
        self.notes.take()
    }

    /// Notes a refused read (`shown` is the path as written) and gives the
    /// value that stands for it: unknown.
    fn refuse(&self, shown: &str, why: &str) -> Value {
        let note = format!("file {shown:?} was not read: {why}; values that use it are unknown");
        let mut notes = self.notes.borrow_mut();
        if !notes.contains(&note) {
            notes.push(note);
        }
        Value::Unknown
    }

    /// Resolves `name` inside the tree, or says why not.
    fn find(&self, name: &str) -> Result<Found, String> {
        let Some(tree) = &self.tree else {
            return Err("no checked directory to read it from".to_string());
        };
        let outside = "outside the checked tree (tfward reads files only inside the repository, the current directory or the root module)";
        let real = match tree.locate(&self.dir, Path::new(name)) {
            Located::Inside(real) => real,
            Located::Missing => return Ok(Found::Missing),
            Located::Outside => return Err(format!("it is {outside}")),
            Located::LinksOutside => return Err(format!("it links to a file that is {outside}")),
            Located::Unresolvable(e) => return Err(format!("it cannot be resolved ({e})")),
        };
        Ok(Found::File(real))
    }

    /// The bytes of the file `name`: `Ok(Err(unknown))` when refused (noted),
    /// `Err` when it is simply missing, as Terraform would fail.
    pub fn read(&self, name: &str, shown: &str) -> Result<Result<Vec<u8>, Value>, String> {
        let real = match self.find(name) {
            Err(why) => return Ok(Err(self.refuse(shown, &why))),
            Ok(Found::Missing) => return Err(format!("no file exists at {shown}")),
            Ok(Found::File(real)) => real,
        };
        // One check before opening (a pipe is never opened), one of the file
        // opened (`bounded::open`).
        match bounded::read(&real, self.limit) {
            Ok(bytes) => Ok(Ok(bytes)),
            Err(crate::error::Error::Input { message, .. }) => {
                Ok(Err(self.refuse(shown, &format!("it is {message}"))))
            }
            Err(_) => Ok(Err(self.refuse(shown, "it cannot be read"))),
        }
    }

    /// `fileexists`: unknown outside the tree, where a known answer would
    /// tell whether a host file exists.
    fn exists(&self, name: &str, shown: &str) -> Result<Value, String> {
        match self.find(name) {
            Err(why) => Ok(self.refuse(shown, &why)),
            Ok(Found::Missing) => Ok(Value::Bool(false)),
            Ok(Found::File(real)) => match std::fs::metadata(&real) {
                Ok(meta) if meta.is_dir() => Err(format!("{shown} is a directory, not a file")),
                Ok(meta) if !meta.is_file() => Ok(self.refuse(
                    shown,
                    "it is not a regular file; tfward reads only regular files",
                )),
                Ok(_) => Ok(Value::Bool(true)),
                Err(e) => Ok(self.refuse(shown, &format!("it cannot be read ({e})"))),
            },
        }
    }
}

impl Env<'_> {
    /// A path as a note may show it: a path made from a sensitive value is
    /// not repeated.
    fn shown(&self, path: &str) -> String {
        if self.marked {
            "(a path from a sensitive value)".to_string()
        } else {
            path.to_string()
        }
    }
}

fn file(a: &[Value], env: &Env) -> Result<Value, String> {
    read_then(a, env, |bytes, shown| {
        Ok(Value::String(String::from_utf8(bytes).map_err(|_| {
            format!("contents of {shown} are not valid UTF-8; use filebase64")
        })?))
    })
}

fn filebase64(a: &[Value], env: &Env) -> Result<Value, String> {
    read_then(a, env, |bytes, _| Ok(Value::String(BASE64.encode(bytes))))
}

/// Reads the file the first argument names and hands its bytes, and the
/// path as a note may show it, to `then`; a refused read is unknown.
fn read_then(
    a: &[Value],
    env: &Env,
    then: impl FnOnce(Vec<u8>, &str) -> Result<Value, String>,
) -> Result<Value, String> {
    let path = string_arg(a, 0)?;
    let shown = env.shown(&path);
    match env.files.read(&path, &shown)? {
        Ok(bytes) => then(bytes, &shown),
        Err(unknown) => Ok(unknown),
    }
}

fn fileexists(a: &[Value], env: &Env) -> Result<Value, String> {
    let path = string_arg(a, 0)?;
    env.files.exists(&path, &env.shown(&path))
}

fn basename(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::String(go_base(&string_arg(a, 0)?)))
}

fn dirname(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::String(go_dir(&string_arg(a, 0)?)))
}

/// Go's path/filepath.Clean for `/`-separated paths.
fn go_clean(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|l| *l != "..") => {
                parts.pop();
            }
            ".." if rooted => {}
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

/// Go's filepath.Base.
fn go_base(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/".to_string();
    }
    trimmed.rsplit('/').next().unwrap_or(trimmed).to_string()
}

/// Go's filepath.Dir.
fn go_dir(path: &str) -> String {
    go_clean(path.rfind('/').map_or("", |i| &path[..=i]))
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::Files;

    #[test]
    fn file_fns() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("module");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("hello.txt"), "hi there\n").unwrap();
        std::fs::write(dir.join("bin"), [0xffu8, 0x00]).unwrap();
        std::fs::write(tmp.path().join("secret"), "s3cret").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret"), dir.join("link")).unwrap();
        std::fs::write(dir.join("big"), [b'x'; 100]).unwrap();
        let limit = crate::text::bounded::Limits {
            input: 1 << 20,
            file: 99,
        }
        .file();
        let files = Files::new(&dir, limit);
        let c = |name: &str, p: &str| call(name, vec![s(p)], &files);
        assert_eq!(c("file", "hello.txt"), Ok(s("hi there\n")));
        assert_eq!(c("file", "./sub/../hello.txt"), Ok(s("hi there\n")));
        assert!(
            c("file", "missing.txt")
                .unwrap_err()
                .starts_with("file: no file exists")
        );
        assert!(c("file", "bin").unwrap_err().contains("not valid UTF-8"));
        assert_eq!(c("filebase64", "bin"), Ok(s("/wA=")));
        assert_eq!(c("fileexists", "hello.txt"), Ok(Value::Bool(true)));
        assert_eq!(c("fileexists", "nope"), Ok(Value::Bool(false)));
        assert!(c("fileexists", "sub").unwrap_err().contains("directory"));
        assert_eq!(call("file", vec![U], &files), Ok(U));
        assert!(files.take_notes().is_empty());
        // Refused: unknown, with one note each.
        assert_eq!(c("file", "../secret"), Ok(U));
        assert_eq!(c("filebase64", "../secret"), Ok(U));
        assert_eq!(c("fileexists", "../secret"), Ok(U));
        assert_eq!(c("file", "/etc/hostname"), Ok(U));
        assert_eq!(c("file", "link"), Ok(U));
        assert_eq!(c("file", "sub"), Ok(U));
        assert_eq!(c("file", "big"), Ok(U));
        assert_eq!(
            call("file", vec![sens(s("../secret"))], &files),
            Ok(sens(U))
        );
        let notes = files.take_notes();
        assert_eq!(notes.len(), 6, "{notes:#?}");
        assert!(
            notes[0].starts_with("file \"../secret\" was not read: it is outside the checked tree")
        );
        assert!(
            notes[2].contains("links to a file that is outside"),
            "{}",
            notes[2]
        );
        assert!(
            notes[3].contains("not a regular file (a directory)"),
            "{}",
            notes[3]
        );
        assert!(
            notes[4].contains("larger than the 99 bytes file limit"),
            "{}",
            notes[4]
        );
        assert!(
            notes[5].starts_with("file \"(a path from a sensitive value)\""),
            "{}",
            notes[5]
        );
        assert!(notes.iter().all(|n| !n.contains("s3cret")));
    }

    #[test]
    fn file_fns_read_the_whole_repository() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join(".git")).unwrap();
        let dir = tmp.path().join("infra/prod");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(tmp.path().join("region.txt"), "eu-west-1").unwrap();
        let files = Files::new(&dir, crate::text::bounded::Limits::default().file());
        let got = call("file", vec![s("../../region.txt")], &files);
        assert_eq!(got, Ok(s("eu-west-1")));
        assert_eq!(call("file", vec![s("../../../x")], &files), Ok(U));
    }

    #[test]
    fn path_fns() {
        assert_eq!(ok("basename", vec![s("foo/bar/baz.txt")]), s("baz.txt"));
        assert_eq!(ok("basename", vec![s("foo/bar/")]), s("bar"));
        assert_eq!(ok("basename", vec![s("/")]), s("/"));
        assert_eq!(ok("basename", vec![s("")]), s("."));
        assert_eq!(ok("dirname", vec![s("foo/bar/baz.txt")]), s("foo/bar"));
        assert_eq!(ok("dirname", vec![s("baz.txt")]), s("."));
        assert_eq!(ok("dirname", vec![s("/baz.txt")]), s("/"));
        assert_eq!(ok("dirname", vec![s("a/./b/../c/d")]), s("a/c"));
    }
}
