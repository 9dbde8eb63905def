//! A module directory into the configuration form: its files in Terraform's
//! order, override files, the local modules it calls, then the evaluator.

use super::{ModuleSrc, ModuleTree, hcl as hcl_parse, tfjson};
use crate::error::{Error, Result};
use crate::load::eval;
use crate::load::options::LoadOptions;
use crate::load::tree::{Located, Tree};
use crate::model::{InputKind, Location, Model};
use crate::text::bounded::Limit;
use std::path::{Path, PathBuf};

/// Whether a directory holds `.tf` or `.tf.json` files.
/// `a/./b/../c` as `a/c`, without touching the disk: a `..` after a named
/// folder removes it; leading ones (above the shown base) stay.
fn lexically_normal(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out: Vec<Component> = Vec::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    if out.is_empty() {
        return PathBuf::from(".");
    }
    out.iter().collect()
}

pub fn has_config_files(dir: &Path) -> Result<bool> {
    Ok(!config_files(dir)?.is_empty())
}

/// The configuration files of a module directory, in Terraform's (lexical) order.
fn config_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        // Only folders are left out, as in Terraform. Anything else so named
        // (a pipe, a device, a dangling link) is kept: reading it is then an
        // error naming it, not a file silently left out. Links are not
        // followed here: where one leads is for `Tree::locate`, which never
        // looks outside the tree (a link to a folder inside is left out when
        // the module is loaded).
        .filter(|e| !e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            (name.ends_with(".tf") || name.ends_with(".tf.json")) && !name.starts_with('.')
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Parses one file into module blocks, by its syntax: read from `real` (the
/// resolved path), shown as `path`.
fn parse_file(path: &Path, real: &Path, limit: Limit) -> Result<ModuleSrc> {
    let text = crate::text::read_text_as(real, path, limit)?;
    if path.to_string_lossy().ends_with(".json") {
        let doc: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| Error::json(path, &e))?;
        tfjson::parse_module_json(path, &text, &doc)
    } else {
        hcl_parse::parse_module_hcl(path, &text)
    }
}

/// The first configuration file of `dir` that leads outside the tree (a
/// link), with why.
fn first_outside_file(dir: &Path, tree: &Tree) -> Result<Option<(PathBuf, &'static str)>> {
    Ok(config_files(dir)?.into_iter().find_map(|file| {
        let name = file.file_name()?;
        tree.outside_file(dir, Path::new(name))
            .map(|why| (file, why))
    }))
}

/// Loads a module's files from `real` (its folder, resolved), shown as in
/// `dir`. A file leading outside the tree is an error: the root module's
/// files are never silently dropped (a child module with one is skipped with
/// a note before it gets here).
fn load_module_src(dir: &Path, real: &Path, limit: Limit, tree: &Tree) -> Result<ModuleSrc> {
    if let Some((file, why)) = first_outside_file(real, tree)? {
        let file = dir.join(file.file_name().unwrap_or_default());
        return Err(Error::input(file, why));
    }
    let mut module = ModuleSrc {
        dir: dir.to_path_buf(),
        ..ModuleSrc::default()
    };
    let is_override = |f: &Path| {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let stem = name.trim_end_matches(".json").trim_end_matches(".tf");
        stem == "override" || stem.ends_with("_override")
    };
    // Each file is read where it resolves inside the tree, never by a path
    // the kernel might resolve differently.
    let mut files = Vec::new();
    for file in config_files(real)? {
        let name = file.file_name().unwrap_or_default();
        let shown = dir.join(name);
        match tree.file_inside(real, Path::new(name), &shown)? {
            // A link to a folder inside the tree is a folder: left out.
            Some(resolved) if resolved.is_dir() => {}
            Some(resolved) => files.push((shown, resolved)),
            None => return Err(Error::input(shown, "a link to nothing (no such file)")),
        }
    }
    for (file, resolved) in files.iter().filter(|(f, _)| !is_override(f)) {
        module.merge(parse_file(file, resolved, limit)?);
    }
    module.check_unique()?;
    // Override files apply after every primary file, in lexical order.
    for (file, resolved) in files.iter().filter(|(f, _)| is_override(f)) {
        module.apply_override(parse_file(file, resolved, limit)?);
    }
    Ok(module)
}

/// Builds the module tree: the root, then every local module call (recursively).
/// A module call whose source leads outside the checked tree is skipped with a
/// note, as an uninstalled remote module is: its resources are absent and its
/// outputs unknown, never evidence.
/// Module calls loaded in one tree; real trees have a few hundred.
const MAX_MODULE_LOADS: usize = 10_000;

pub fn build_tree(
    root: ModuleSrc,
    root_dir: &Path,
    limit: Limit,
    checked: &Tree,
) -> Result<ModuleTree> {
    let mut tree = ModuleTree {
        checked: Some(checked.clone()),
        ..ModuleTree::default()
    };
    let registry = RemoteModules::read(root_dir, limit, checked)?;
    // Each module's folder, resolved: calls from it are located from there.
    let mut reals = vec![std::fs::canonicalize(root_dir).map_err(|e| Error::io(root_dir, e))?];
    tree.modules.push(root);
    // (module index, call path of that module)
    let mut pending: Vec<(usize, Vec<String>)> = vec![(0, Vec::new())];
    while let Some((idx, path)) = pending.pop() {
        if path.len() > 32 {
            return Err(Error::input(
                root_dir,
                "modules nest more than 32 levels deep (a call cycle?)",
            ));
        }
        let calls: Vec<(usize, String, String, Location)> = tree.modules[idx]
            .calls
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.name.clone(), c.source.clone(), c.location.clone()))
            .collect();
        let dir = tree.modules[idx].dir.clone();
        let real_dir = reals[idx].clone();
        for (call_idx, name, source, location) in calls {
            let mut child_path = path.clone();
            child_path.push(name.clone());
            let call = format!("{location}: module `{name}` (source `{source}`)");
            let in_tree = checked.root().display();
            let skipped = "its resources are skipped";
            let local = source.starts_with("./") || source.starts_with("../");
            // A local source is relative to the calling module, a
            // `modules.json` directory to the root module.
            let (shown_base, base, rel) = if local {
                (dir.as_path(), real_dir.as_path(), Some(source.as_str()))
            } else {
                (root_dir, reals[0].as_path(), registry.dir_of(&child_path))
            };
            let not_on_disk = format!(
                "{call} is not on disk; {skipped} (run `terraform init` for remote modules)"
            );
            let Some(rel) = rel else {
                tree.notes.push(not_on_disk);
                continue;
            };
            // Locations read `modules/x/main.tf`, not `./modules/x` or `a/../modules/x`
            // (GitHub places annotations by the path as written).
            let child_dir = lexically_normal(&shown_base.join(rel));
            let child_real = match checked.locate(base, Path::new(rel)) {
                Located::Inside(real) if real.is_dir() => real,
                Located::Outside | Located::LinksOutside => {
                    let what = if local {
                        String::new()
                    } else {
                        format!(": its directory `{rel}` in .terraform/modules/modules.json")
                    };
                    tree.notes.push(format!(
                        "{call}{what} is outside the checked tree ({in_tree}); {skipped}"
                    ));
                    continue;
                }
                _ => {
                    tree.notes.push(not_on_disk);
                    continue;
                }
            };
            if let Some((file, why)) = first_outside_file(&child_real, checked)? {
                let file = file.file_name().unwrap_or_default().to_string_lossy();
                tree.notes.push(format!(
                    "{call}: {file} is {} ({in_tree}); {skipped}",
                    why.split(';').next().unwrap_or(why)
                ));
                continue;
            }
            // Each call loads its own copy: calls that call twice would double per level.
            if tree.modules.len() >= MAX_MODULE_LOADS {
                return Err(Error::input(
                    root_dir,
                    format!(
                        "{call}: more than {MAX_MODULE_LOADS} module calls to load; tfward stops here"
                    ),
                ));
            }
            let child = load_module_src(&child_dir, &child_real, limit, checked)?;
            tree.modules.push(child);
            reals.push(child_real);
            let child_idx = tree.modules.len() - 1;
            tree.modules[idx].calls[call_idx].child = Some(child_idx);
            pending.push((child_idx, child_path));
        }
    }
    Ok(tree)
}

/// `.terraform/modules/modules.json`, written by `terraform init`, maps call paths to directories.
struct RemoteModules {
    entries: Vec<(String, String)>,
}

impl RemoteModules {
    fn read(root: &Path, limit: Limit, tree: &Tree) -> Result<RemoteModules> {
        let rel = Path::new(".terraform/modules/modules.json");
        let manifest = root.join(rel);
        // Missing is fine (no `terraform init`); anything else that cannot be
        // read (a pipe, a folder, no permission) is an error, not ignored.
        let text = match tree.file_inside(root, rel, &manifest)? {
            Some(real) => Some(crate::text::read_text_as(&real, &manifest, limit)?),
            None => None,
        };
        let entries = text
            .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
            .and_then(|doc| doc.get("Modules").and_then(|m| m.as_array()).cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|m| {
                Some((
                    m.get("Key")?.as_str()?.to_string(),
                    m.get("Dir")?.as_str()?.to_string(),
                ))
            })
            .collect();
        Ok(RemoteModules { entries })
    }

    /// The directory of a call, as written (relative to the root module).
    fn dir_of(&self, call_path: &[String]) -> Option<&str> {
        let key = call_path.join(".");
        self.entries
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, dir)| dir.as_str())
    }
}

/// Loads a root module directory (HCL and/or `.tf.json` files).
pub fn load_module_dir(dir: &Path, opts: &LoadOptions) -> Result<Model> {
    let checked = Tree::of(dir).map_err(|e| Error::io(dir, e))?;
    let real = std::fs::canonicalize(dir).map_err(|e| Error::io(dir, e))?;
    let root = load_module_src(dir, &real, opts.limits.file(), &checked)?;
    let tree = build_tree(root, dir, opts.limits.file(), &checked)?;
    let kind = if config_files(dir)?
        .iter()
        .all(|f| f.to_string_lossy().ends_with(".json"))
    {
        InputKind::TfJson
    } else {
        InputKind::Hcl
    };
    eval::evaluate(&tree, dir, Model::new(kind, dir.to_path_buf()), opts)
}

/// The module tree of a one-file root module: the file's folder is the
/// module's, and the modules it calls load from there.
fn single_file_tree<'p>(
    path: &'p Path,
    mut root: ModuleSrc,
    opts: &LoadOptions,
) -> Result<(ModuleTree, &'p Path)> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    root.dir = dir.to_path_buf();
    let checked = Tree::of(dir).map_err(|e| Error::io(dir, e))?;
    Ok((build_tree(root, dir, opts.limits.file(), &checked)?, dir))
}

/// Loads a single HCL file given on the command line as a one-file root module.
pub fn load_single_hcl_file(path: &Path, text: &str, opts: &LoadOptions) -> Result<Model> {
    let root = hcl_parse::parse_module_hcl(path, text)?;
    let (tree, dir) = single_file_tree(path, root, opts)?;
    eval::evaluate(
        &tree,
        dir,
        Model::new(InputKind::Hcl, path.to_path_buf()),
        opts,
    )
}

/// Loads a single Terraform JSON file (`main.tf.json`, `cdk.tf.json`) as a root module.
pub fn load_single_json_file(
    path: &Path,
    text: &str,
    doc: &serde_json::Value,
    opts: &LoadOptions,
) -> Result<Model> {
    let root = tfjson::parse_module_json(path, text, doc)?;
    let (tree, dir) = single_file_tree(path, root, opts)?;
    let kind = if doc.get("//").is_some() {
        InputKind::Cdktf
    } else {
        InputKind::TfJson
    };
    let mut model = Model::new(kind, path.to_path_buf());
    model.stack = doc
        .pointer("/~1~1/metadata/stackName")
        .and_then(|s| s.as_str())
        .map(str::to_string);
    eval::evaluate(&tree, dir, model, opts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_folders_are_shown_without_dot_segments() {
        for (given, shown) in [
            ("tf/../mod_ref", "mod_ref"),
            ("./modules/x", "modules/x"),
            ("a/b/../../c", "c"),
            ("../shared/m", "../shared/m"),
            ("a/..", "."),
            ("/abs/x/../y", "/abs/y"),
        ] {
            assert_eq!(
                lexically_normal(Path::new(given)),
                PathBuf::from(shown),
                "{given}"
            );
        }
    }
}
