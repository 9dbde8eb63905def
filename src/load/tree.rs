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

    /// Where `path`, relative to the existing folder `base` (or absolute),
    /// leads. The path is checked as written before the disk is touched (so
    /// nothing outside is even probed), then again with links resolved.
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
        match std::fs::canonicalize(&lexical) {
            Ok(real) if real.starts_with(&self.root) => Located::Inside(real),
            Ok(_) => Located::LinksOutside,
            // A dangling link is missing only if its target would be inside.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                match std::fs::read_link(&lexical) {
                    Ok(target) => {
                        let dir = lexical.parent().unwrap_or(Path::new("/"));
                        match self.locate(dir, &target) {
                            Located::Outside | Located::LinksOutside => Located::LinksOutside,
                            _ => Located::Missing,
                        }
                    }
                    Err(_) => Located::Missing,
                }
            }
            Err(e) => Located::Unresolvable(e),
        }
    }

    /// Why a file in `base` is not read, when it leads outside the tree.
    pub fn outside_file(&self, base: &Path, path: &Path) -> Option<&'static str> {
        match self.locate(base, path) {
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
}
