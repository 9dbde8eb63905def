//! Filesystem functions (`file`, `filebase64`, `fileexists`, `fileset`,
//! `abspath`, `pathexpand`, `basename`, `dirname`) and `Files`, what they,
//! the file hashes and `templatefile` may read.

use super::{Env, Function, Unknowns::Whole, set_of, string_arg};
use crate::load::tree::{Located, Tree};
use crate::model::value::Value;
use crate::text::bounded::{self, Limit};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use std::cell::RefCell;
use std::path::{Path, PathBuf};

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("abspath", 1, 1, Whole, abspath),
    Function::new("basename", 1, 1, Whole, basename),
    Function::new("dirname", 1, 1, Whole, dirname),
    Function::new("file", 1, 1, Whole, file),
    Function::new("filebase64", 1, 1, Whole, filebase64),
    Function::new("fileexists", 1, 1, Whole, fileexists),
    Function::new("fileset", 2, 2, Whole, fileset),
    Function::new("pathexpand", 1, 1, Whole, pathexpand),
];

/// `fileset` looks at no more files and folders than this; past it the
/// result is unknown (a checked tree could hold millions).
const MAX_FILESET_ENTRIES: usize = 100_000;

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

impl Files {
    /// `abspath` of a relative path: the root module's folder joined and
    /// cleaned, as Terraform joins its working directory, without looking at
    /// the disk. `None` (unknown) when that leads outside the checked tree
    /// (or there is none): the answer would tell about the machine.
    fn absolute(&self, path: &str) -> Option<String> {
        let tree = self.tree.as_ref()?;
        let joined = go_clean(&format!("{}/{path}", self.dir.to_str()?));
        Path::new(&joined)
            .starts_with(tree.root())
            .then_some(joined)
    }

    /// The regular files under the folder `dir` (relative paths with `/`),
    /// links followed only inside the tree; none when it is missing. `Err`
    /// says why the folder is refused (outside, or too big to list).
    fn list(&self, dir: &str) -> Result<Vec<Value>, String> {
        let real = match self.find(dir) {
            Err(why) => return Err(why),
            Ok(Found::Missing) => return Ok(Vec::new()),
            Ok(Found::File(real)) => real,
        };
        let mut found = Vec::new();
        let mut todo = vec![(real, String::new())];
        let mut seen = 0usize;
        while let Some((folder, prefix)) = todo.pop() {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                continue;
            };
            for entry in entries.flatten() {
                seen += 1;
                if seen > MAX_FILESET_ENTRIES {
                    return Err(format!(
                        "it holds more than {MAX_FILESET_ENTRIES} files and folders"
                    ));
                }
                let Some(name) = entry.file_name().to_str().map(str::to_string) else {
                    continue;
                };
                let relative = format!("{prefix}{name}");
                let Ok(kind) = entry.file_type() else {
                    continue;
                };
                if kind.is_dir() {
                    todo.push((entry.path(), format!("{relative}/")));
                } else if kind.is_file() {
                    found.push(Value::String(relative));
                } else if kind.is_symlink() {
                    // A link counts when it leads to a regular file inside the
                    // tree (Terraform follows it); its target is never listed.
                    let inside = match self
                        .tree
                        .as_ref()
                        .map(|t| t.locate(&folder, Path::new(&name)))
                    {
                        Some(Located::Inside(target)) => {
                            std::fs::metadata(target).is_ok_and(|m| m.is_file())
                        }
                        _ => false,
                    };
                    if inside {
                        found.push(Value::String(relative));
                    }
                }
            }
        }
        Ok(found)
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
pub(super) fn read_then(
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

/// Terraform's `abspath`. An absolute path is only cleaned. A relative one
/// resolves from the root module (where tfward stands for Terraform's working
/// directory) and is unknown unless it stays inside the checked tree, the one
/// part of the machine tfward may reveal.
fn abspath(a: &[Value], env: &Env) -> Result<Value, String> {
    let path = string_arg(a, 0)?;
    if path.starts_with('/') {
        return Ok(Value::String(go_clean(&path)));
    }
    Ok(env
        .files
        .absolute(&path)
        .map_or(Value::Unknown, Value::String))
}

/// Terraform's `pathexpand`: `~` is the home folder, which tfward never
/// reads (nor reveals), so such a path is unknown; any other path is kept.
fn pathexpand(a: &[Value], _: &Env) -> Result<Value, String> {
    let path = string_arg(a, 0)?;
    match path.strip_prefix('~') {
        Some("") => Ok(Value::Unknown),
        Some(rest) if rest.starts_with('/') => Ok(Value::Unknown),
        Some(_) => Err("cannot expand user-specific home dir".to_string()),
        None => Ok(Value::String(path)),
    }
}

/// Terraform's `fileset(path, pattern)`: the regular files under `path`
/// matching the glob `pattern` (`*`, `?`, `[…]`, `{a,b}`, `**` for any
/// folders), relative to `path`, as a set. Only inside the checked tree; a
/// refused folder is unknown, as `file` is.
fn fileset(a: &[Value], env: &Env) -> Result<Value, String> {
    let dir = string_arg(a, 0)?;
    let pattern = go_clean(&string_arg(a, 1)?);
    let pattern = pattern.trim_start_matches('/');
    let shown = env.shown(&dir);
    let joined = go_clean(&format!("{dir}/{pattern}"));
    let alternatives = glob_alternatives(pattern)
        .ok_or_else(|| format!("failed to glob pattern {joined:?}: syntax error in pattern"))?;
    let parts: Vec<Vec<&str>> = alternatives
        .iter()
        .map(|p| p.split('/').collect())
        .collect();
    if parts.iter().flatten().any(|part| *part == "..") {
        // A pattern that climbs out of `path` names files outside what is listed.
        return Ok(env
            .files
            .refuse(&shown, "the pattern leads out of the folder"));
    }
    let files = match env.files.list(&dir) {
        Ok(files) => files,
        Err(why) => return Ok(env.files.refuse(&shown, &why)),
    };
    let matched = files
        .into_iter()
        .filter(|file| {
            let name: Vec<&str> = file.as_str().unwrap_or_default().split('/').collect();
            parts.iter().any(|pattern| glob_path(pattern, &name))
        })
        .collect();
    Ok(Value::List(set_of(matched)))
}

/// The pattern with its `{a,b}` alternatives spelled out; `None` when it is
/// malformed (an unclosed `[` or `{`, a trailing `\`).
fn glob_alternatives(pattern: &str) -> Option<Vec<String>> {
    let bytes = pattern.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => {
                if i + 1 >= bytes.len() {
                    return None;
                }
                i += 2;
                continue;
            }
            b'[' => {
                let close = pattern[i + 1..].find(']')?;
                i += close + 2;
                continue;
            }
            b'{' => {
                // The matching close, and the commas at this depth.
                let (mut depth, mut commas, mut close) = (0, vec![], None);
                for (j, b) in bytes.iter().enumerate().skip(i + 1) {
                    match b {
                        b'{' => depth += 1,
                        b'}' if depth == 0 => {
                            close = Some(j);
                            break;
                        }
                        b'}' => depth -= 1,
                        b',' if depth == 0 => commas.push(j),
                        _ => {}
                    }
                }
                let close = close?;
                let mut starts = vec![i + 1];
                starts.extend(commas.iter().map(|c| c + 1));
                let mut ends = commas.clone();
                ends.push(close);
                let mut out = Vec::new();
                for (start, end) in starts.into_iter().zip(ends) {
                    let choice = format!(
                        "{}{}{}",
                        &pattern[..i],
                        &pattern[start..end],
                        &pattern[close + 1..]
                    );
                    out.extend(glob_alternatives(&choice)?);
                }
                return Some(out);
            }
            _ => {}
        }
        i += 1;
    }
    Some(vec![pattern.to_string()])
}

/// Whether the path's parts match the pattern's: `**` stands for any number
/// of folders, every other part matches one part.
fn glob_path(pattern: &[&str], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((&"**", rest)) => (0..=path.len()).any(|skip| glob_path(rest, &path[skip..])),
        Some((part, rest)) => path.split_first().is_some_and(|(name, tail)| {
            glob_part(part.as_bytes(), name.as_bytes()) && glob_path(rest, tail)
        }),
    }
}

/// One part of a glob (`*`, `?`, `[…]` or `[^…]`/`[!…]`, `\x`) against one name.
fn glob_part(pattern: &[u8], name: &[u8]) -> bool {
    let Some((&first, rest)) = pattern.split_first() else {
        return name.is_empty();
    };
    match first {
        b'*' => (0..=name.len()).any(|skip| glob_part(rest, &name[skip..])),
        b'?' => {
            // One character, not one byte.
            let width = name.first().map_or(0, |b| utf8_width(*b));
            width > 0 && glob_part(rest, &name[width.min(name.len())..])
        }
        b'[' => {
            let Some(close) = rest.iter().position(|b| *b == b']') else {
                return false;
            };
            let (class, after) = (&rest[..close], &rest[close + 1..]);
            let (negated, class) = match class.split_first() {
                Some((b'^' | b'!', tail)) => (true, tail),
                _ => (false, class),
            };
            let Some(c) = std::str::from_utf8(name)
                .ok()
                .and_then(|n| n.chars().next())
            else {
                return false;
            };
            let class: Vec<char> = String::from_utf8_lossy(class).chars().collect();
            let mut hit = false;
            let mut k = 0;
            while k < class.len() {
                if k + 2 < class.len() && class[k + 1] == '-' {
                    hit |= class[k] <= c && c <= class[k + 2];
                    k += 3;
                } else {
                    hit |= class[k] == c;
                    k += 1;
                }
            }
            hit != negated && glob_part(after, &name[c.len_utf8()..])
        }
        b'\\' => rest
            .split_first()
            .is_some_and(|(lit, tail)| name.first() == Some(lit) && glob_part(tail, &name[1..])),
        literal => name.first() == Some(&literal) && glob_part(rest, &name[1..]),
    }
}

fn utf8_width(first: u8) -> usize {
    match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => 1,
    }
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
    fn fileset_fn() {
        // The same files as Terraform 1.11's oracle: sub/{a.txt,b.md,d/c.txt}.
        let tmp = tempfile::tempdir().unwrap();
        let sub = tmp.path().join("sub");
        std::fs::create_dir_all(sub.join("d")).unwrap();
        std::fs::write(sub.join("a.txt"), "hello\n").unwrap();
        std::fs::write(sub.join("b.md"), "x").unwrap();
        std::fs::write(sub.join("d/c.txt"), "").unwrap();
        std::os::unix::fs::symlink("/etc/hostname", sub.join("out.txt")).unwrap();
        std::os::unix::fs::symlink("a.txt", sub.join("in.txt")).unwrap();
        let files = Files::new(tmp.path(), crate::text::bounded::Limits::default().file());
        let set = |dir: &str, pattern: &str| call("fileset", vec![s(dir), s(pattern)], &files);
        assert_eq!(set("sub", "*"), Ok(sl(&["a.txt", "b.md", "in.txt"])));
        assert_eq!(
            set("sub", "**"),
            Ok(sl(&["a.txt", "b.md", "d/c.txt", "in.txt"]))
        );
        assert_eq!(
            set("sub", "**/*.txt"),
            Ok(sl(&["a.txt", "d/c.txt", "in.txt"]))
        );
        assert_eq!(
            set(".", "sub/*.{txt,md}"),
            Ok(sl(&["sub/a.txt", "sub/b.md", "sub/in.txt"]))
        );
        assert_eq!(set("sub", "[ab].*"), Ok(sl(&["a.txt", "b.md"])));
        assert_eq!(set("sub", "[^a]*.txt"), Ok(sl(&["in.txt"])));
        assert_eq!(set("sub", "?.txt"), Ok(sl(&["a.txt"])));
        assert_eq!(set("sub", "./d/../a.txt"), Ok(sl(&["a.txt"])));
        assert_eq!(set("nope", "*"), Ok(sl(&[])));
        assert_eq!(set("sub", "d"), Ok(sl(&[])));
        assert_eq!(set("sub", "d/**"), Ok(sl(&["d/c.txt"])));
        assert_eq!(
            set("sub", "["),
            Err(r#"fileset: failed to glob pattern "sub/[": syntax error in pattern"#.to_string())
        );
        assert!(files.take_notes().is_empty());
        // Outside the tree: unknown, noted, nothing listed.
        assert_eq!(set("..", "*"), Ok(U));
        assert_eq!(set("/etc", "*"), Ok(U));
        assert_eq!(set("sub", "../../*"), Ok(U));
        assert_eq!(files.take_notes().len(), 3);
    }

    #[test]
    fn abspath_and_pathexpand_reveal_nothing_outside_the_tree() {
        let tmp = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(tmp.path()).unwrap();
        std::fs::create_dir_all(root.join("sub")).unwrap();
        let files = Files::new(&root, crate::text::bounded::Limits::default().file());
        let abs = |p: &str| call("abspath", vec![s(p)], &files);
        let inside = |rest: &str| Ok(s(&format!("{}{rest}", root.display())));
        assert_eq!(abs("sub"), inside("/sub"));
        assert_eq!(abs(""), inside(""));
        assert_eq!(abs("sub/../x/"), inside("/x"));
        // As Terraform: an absolute path is only cleaned.
        assert_eq!(abs("/a/../b/"), Ok(s("/b")));
        // Relative paths out of the tree would reveal the machine's folders.
        assert_eq!(abs(".."), Ok(U));
        assert_eq!(abs("a/../../.."), Ok(U));
        assert_eq!(call("abspath", vec![s("x")], &Files::none()), Ok(U));
        // `~` is the home folder, never read.
        assert_eq!(ok("pathexpand", vec![s("~")]), U);
        assert_eq!(ok("pathexpand", vec![s("~/x")]), U);
        assert_eq!(ok("pathexpand", vec![s("/x")]), s("/x"));
        assert_eq!(ok("pathexpand", vec![s("x")]), s("x"));
        assert_eq!(ok("pathexpand", vec![s("")]), s(""));
        assert_eq!(
            err("pathexpand", vec![s("~bob/x")]),
            "pathexpand: cannot expand user-specific home dir"
        );
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
