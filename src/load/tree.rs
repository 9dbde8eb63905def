//! The checked tree: the one folder whose files a checked configuration may
//! make tfward read. Everything a checked file names (`.tf` files, local
//! module sources, `modules.json` directories, variable files, what the file
//! functions read) must resolve inside it, links resolved. Paths the user
//! names on the command line are not confined: the user chose them.

use std::path::{Component, Path, PathBuf};

/// The checked tree of one root module (canonical).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tree {
    root: PathBuf,
}

/// Where a path leads, seen from the tree.
#[derive(Debug)]
pub enum Located {
    /// Inside the tree; the path with links resolved.
    Inside(PathBuf),
    /// Inside the tree as written, but nothing is there.
    Missing,
    /// Outside the tree as written (`..`, an absolute path).
    Outside,
    /// Inside as written, but a link leads outside.
    LinksOutside,
    /// It cannot be resolved (a link loop, a permission error).
    Unresolvable(std::io::Error),
}

impl Tree {
    /// The tree of the root module in `root_module`: the repository root (the
    /// nearest folder at or above it holding `.git`, a folder or, in a
    /// worktree, a file); else the current directory when the root module is
    /// inside it (a monorepo checked out without git metadata calls
    /// `../../modules/x`); else the root module itself. The filesystem root
    /// is never the tree: it would confine nothing.
    ///
    /// Nor is the home directory or a folder above it (a dotfiles repository
    /// in `$HOME`, a checkout run from `~`): it holds the user's credentials.
    pub fn of(root_module: &Path) -> std::io::Result<Tree> {
        let dir = std::fs::canonicalize(root_module)?;
        let home = std::env::var_os("HOME").and_then(|h| std::fs::canonicalize(h).ok());
        let narrow_enough =
            |d: &Path| d.parent().is_some() && !home.as_deref().is_some_and(|h| h.starts_with(d));
        let repo = dir
            .ancestors()
            .find(|d| d.join(".git").symlink_metadata().is_ok())
            .filter(|d| narrow_enough(d));
        let cwd = std::env::current_dir()
            .and_then(std::fs::canonicalize)
            .ok()
            .filter(|cwd| narrow_enough(cwd) && dir.starts_with(cwd));
        let root = match (repo, cwd) {
            (Some(repo), _) => repo.to_path_buf(),
            (None, Some(cwd)) => cwd,
            (None, None) => dir,
        };
        Ok(Tree { root })
    }

    /// The tree's folder (canonical).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A tree rooted at the existing folder `folder` itself (a `cdktf.out`
    /// folder, whose manifest may name files only inside it).
    pub fn at(folder: &Path) -> std::io::Result<Tree> {
        Ok(Tree {
            root: std::fs::canonicalize(folder)?,
        })
    }

    /// Where `path`, relative to the existing folder `base` (or absolute),
    /// leads. The path is checked as written before the disk is touched (so
    /// nothing outside is even probed), then resolved as the kernel resolves
    /// it: component by component, links followed, a `..` leaving the
    /// folder a link led to (not the link's own folder). Nothing outside the
    /// tree is ever looked at: once a link leads out, the answer is
    /// `LinksOutside` whatever is (or is not) there.
    pub fn locate(&self, base: &Path, path: &Path) -> Located {
        let base = match std::fs::canonicalize(base) {
            Ok(base) => base,
            Err(e) => return Located::Unresolvable(e),
        };
        let mut lexical = PathBuf::new();
        for part in base.join(path).components() {
            match part {
                Component::ParentDir => {
                    lexical.pop();
                }
                Component::CurDir => {}
                other => lexical.push(other),
            }
        }
        if !lexical.starts_with(&self.root) {
            return Located::Outside;
        }
        self.resolve(base, path)
    }

    /// Walks `path` from the canonical folder `base` as the kernel does.
    fn resolve(&self, base: PathBuf, path: &Path) -> Located {
        // The parts still to walk, the next one last.
        let mut todo: Vec<PathBuf> = Vec::new();
        let push = |todo: &mut Vec<PathBuf>, path: &Path| {
            todo.extend(
                path.components()
                    .rev()
                    .map(|c| PathBuf::from(c.as_os_str())),
            );
        };
        push(&mut todo, path);
        let mut cur = base;
        let mut links = 0;
        while let Some(part) = todo.pop() {
            match part.components().next() {
                None | Some(Component::CurDir) => {}
                Some(Component::RootDir | Component::Prefix(_)) => cur = PathBuf::from("/"),
                Some(Component::ParentDir) => {
                    // `cur` is resolved: popping it is what the kernel does.
                    cur.pop();
                }
                Some(Component::Normal(name)) => {
                    let next = cur.join(name);
                    if !next.starts_with(&self.root) {
                        // Outside, only the folders above the (canonical)
                        // root may be walked through: they are known to be
                        // folders, so nothing is looked up.
                        if self.root.starts_with(&next) {
                            cur = next;
                            continue;
                        }
                        return Located::LinksOutside;
                    }
                    match next.symlink_metadata() {
                        Ok(meta) if meta.file_type().is_symlink() => {
                            links += 1;
                            if links > 40 {
                                return Located::Unresolvable(std::io::Error::other(
                                    "too many levels of symbolic links",
                                ));
                            }
                            match std::fs::read_link(&next) {
                                // A relative target resolves from the link's folder, `cur`.
                                Ok(target) => push(&mut todo, &target),
                                Err(e) => return Located::Unresolvable(e),
                            }
                        }
                        Ok(_) => cur = next,
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                            return Located::Missing;
                        }
                        Err(e) => return Located::Unresolvable(e),
                    }
                }
            }
        }
        if cur.starts_with(&self.root) {
            Located::Inside(cur)
        } else {
            Located::LinksOutside
        }
    }

    /// Why a file in `base` is not read, when it leads outside the tree.
    pub fn outside_file(&self, base: &Path, path: &Path) -> Option<&'static str> {
        self.locate(base, path).outside_reason()
    }

    /// The resolved path of a file a checked configuration names, shown to
    /// the user as `shown`: `None` when nothing is there, an error when it
    /// leads outside the tree or cannot be resolved.
    pub fn file_inside(
        &self,
        base: &Path,
        path: &Path,
        shown: &Path,
    ) -> crate::error::Result<Option<PathBuf>> {
        match self.locate(base, path) {
            Located::Inside(real) => Ok(Some(real)),
            Located::Missing => Ok(None),
            Located::Unresolvable(e) => Err(crate::error::Error::io(shown, e)),
            outside => Err(crate::error::Error::input(
                shown,
                outside.outside_reason().unwrap_or_default(),
            )),
        }
    }
}

impl Located {
    /// Why a path that leads outside the tree is not read; `None` for any
    /// other answer.
    pub fn outside_reason(&self) -> Option<&'static str> {
        match self {
            Located::Outside => Some("outside the checked tree; tfward reads only files inside it"),
            Located::LinksOutside => {
                Some("a link to a file outside the checked tree; tfward reads only files inside it")
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_repository_bounds_the_tree_and_links_are_resolved() {
        let tmp = tempfile::tempdir().unwrap();
        let repo = tmp.path().join("repo");
        let module = repo.join("live/prod");
        std::fs::create_dir_all(&module).unwrap();
        // A worktree's `.git` is a file.
        std::fs::write(repo.join(".git"), "gitdir: elsewhere\n").unwrap();
        std::fs::write(tmp.path().join("secret"), "x").unwrap();
        std::fs::write(repo.join("ok.txt"), "x").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret"), module.join("out.tf")).unwrap();
        std::os::unix::fs::symlink("../../../nowhere", module.join("dangling.tf")).unwrap();
        let tree = Tree::of(&module).unwrap();
        assert_eq!(tree.root(), std::fs::canonicalize(&repo).unwrap());
        assert!(matches!(
            tree.locate(&module, Path::new("../../ok.txt")),
            Located::Inside(_)
        ));
        assert!(matches!(
            tree.locate(&module, Path::new("../../missing")),
            Located::Missing
        ));
        assert!(matches!(
            tree.locate(&module, Path::new("../../../secret")),
            Located::Outside
        ));
        assert!(matches!(
            tree.locate(&module, Path::new("/etc/passwd")),
            Located::Outside
        ));
        assert!(matches!(
            tree.locate(&module, Path::new("out.tf")),
            Located::LinksOutside
        ));
        assert!(matches!(
            tree.locate(&module, Path::new("dangling.tf")),
            Located::LinksOutside
        ));
    }

    #[test]
    fn links_resolve_as_the_kernel_resolves_them_and_never_look_outside() {
        let tmp = tempfile::tempdir().unwrap();
        let repo = tmp.path().join("repo");
        let module = repo.join("m");
        std::fs::create_dir_all(module.join("evil")).unwrap();
        std::fs::create_dir_all(repo.join("a/b")).unwrap();
        std::fs::create_dir_all(tmp.path().join("outside/exists")).unwrap();
        std::fs::write(tmp.path().join("outside/secret"), "x").unwrap();
        std::fs::write(repo.join("a/x"), "x").unwrap();
        std::os::unix::fs::symlink(tmp.path().join("outside"), module.join("host")).unwrap();
        std::os::unix::fs::symlink("../../outside/exists", module.join("lnk")).unwrap();
        std::os::unix::fs::symlink("../a/b", module.join("deep")).unwrap();
        std::os::unix::fs::symlink(repo.join("a"), module.join("abs")).unwrap();
        let tree = Tree::at(&repo).unwrap();
        let at = |p: &str| tree.locate(&module, Path::new(p));
        // Under a link out: the same answer whether or not the file exists.
        assert!(matches!(at("host/secret"), Located::LinksOutside));
        assert!(matches!(at("host/nonexistent"), Located::LinksOutside));
        // `..` leaves the folder the link leads to, not the link's folder.
        assert!(matches!(at("lnk/../evil"), Located::LinksOutside));
        assert!(matches!(at("deep/../x"), Located::Inside(p) if p.ends_with("repo/a/x")));
        // An absolute link back into the tree walks the folders above it.
        assert!(matches!(at("abs/x"), Located::Inside(p) if p.ends_with("repo/a/x")));
        assert!(matches!(at("abs/nope"), Located::Missing));
        assert!(matches!(at("evil"), Located::Inside(_)));
    }
}
