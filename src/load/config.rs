//! The configuration form shared by HCL and Terraform JSON: both parse into
//! these blocks, and one evaluator (`eval.rs`) turns them into the model.

use super::tree::{Located, Tree};
use super::{LoadOptions, eval, hcl as hcl_parse, tfjson};
use crate::error::{Error, Result};
use crate::model::{InputKind, Location, Mode, Model};
use crate::text::bounded::Limit;
use hcl::Expression;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A block body: attributes and nested blocks, in source order.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub items: Vec<Item>,
}

#[derive(Debug, Clone)]
pub enum Item {
    Attr {
        name: String,
        expr: Expression,
        line: Option<u32>,
    },
    Block {
        ident: String,
        labels: Vec<String>,
        body: Body,
    },
}

impl Body {
    pub fn attr(&self, name: &str) -> Option<&Expression> {
        self.items.iter().find_map(|item| match item {
            Item::Attr { name: n, expr, .. } if n == name => Some(expr),
            _ => None,
        })
    }

    pub fn blocks<'a>(&'a self, ident: &'a str) -> impl Iterator<Item = &'a Body> + 'a {
        self.items.iter().filter_map(move |item| match item {
            Item::Block { ident: i, body, .. } if i == ident => Some(body),
            _ => None,
        })
    }
}

#[derive(Debug, Clone)]
pub struct Variable {
    pub name: String,
    pub default: Option<Expression>,
    /// The `type` constraint: values are converted to it (`optional()` defaults, `"3"` → 3).
    pub type_expr: Option<Expression>,
    pub sensitive: bool,
    /// `nullable = false`: a null value means the default.
    pub nullable: bool,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct Named {
    pub name: String,
    pub expr: Expression,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct ProviderBlock {
    pub name: String,
    pub alias: Option<String>,
    pub body: Body,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct ResourceBlock {
    pub mode: Mode,
    pub r#type: String,
    pub name: String,
    pub count: Option<Expression>,
    pub for_each: Option<Expression>,
    /// The `provider` meta-argument: local name and alias.
    pub provider: Option<(String, Option<String>)>,
    pub body: Body,
    pub location: Location,
}

#[derive(Debug, Clone)]
pub struct ModuleCall {
    pub name: String,
    pub source: String,
    pub count: Option<Expression>,
    pub for_each: Option<Expression>,
    /// `providers = { aws = aws.dr }` as (child key, parent key).
    pub providers: Vec<(String, String)>,
    pub inputs: Vec<(String, Expression)>,
    pub location: Location,
    /// Index of the called module in the tree, when its source is on disk.
    pub child: Option<usize>,
    /// The block as written, for override files.
    pub body: Body,
}

/// One module's blocks, from all its files.
#[derive(Debug, Clone, Default)]
pub struct ModuleSrc {
    pub dir: PathBuf,
    pub variables: Vec<Variable>,
    pub locals: Vec<Named>,
    pub outputs: Vec<Named>,
    pub providers: Vec<ProviderBlock>,
    pub resources: Vec<ResourceBlock>,
    pub calls: Vec<ModuleCall>,
    /// `tfward:ignore` comments and metadata of the module's files.
    pub suppressions: Vec<crate::model::Suppression>,
}

impl ModuleSrc {
    /// Adds the blocks of one file (HCL or JSON syntax); `check_unique` then
    /// finds blocks defined twice.
    pub fn merge(&mut self, other: ModuleSrc) {
        self.variables.extend(other.variables);
        self.locals.extend(other.locals);
        self.outputs.extend(other.outputs);
        self.providers.extend(other.providers);
        self.resources.extend(other.resources);
        self.calls.extend(other.calls);
        self.suppressions.extend(other.suppressions);
    }

    /// A block defined twice in a module's files is an error naming both
    /// places, as Terraform reports it. One pass with a set per kind of
    /// block: a module of thousands of files is not compared pairwise.
    pub fn check_unique(&self) -> Result<()> {
        first_duplicate(
            &self.variables,
            |v| v.name.as_str(),
            |v| (&v.location, format!("variable \"{}\"", v.name)),
        )?;
        first_duplicate(
            &self.locals,
            |l| l.name.as_str(),
            |l| (&l.location, format!("local value `{}`", l.name)),
        )?;
        first_duplicate(
            &self.outputs,
            |o| o.name.as_str(),
            |o| (&o.location, format!("output \"{}\"", o.name)),
        )?;
        first_duplicate(
            &self.providers,
            |p| (p.name.as_str(), p.alias.as_deref()),
            |p| {
                let key = crate::model::provider_local_key(&p.name, p.alias.as_deref());
                (&p.location, format!("provider configuration `{key}`"))
            },
        )?;
        first_duplicate(
            &self.resources,
            |r| (r.mode, r.r#type.as_str(), r.name.as_str()),
            |r| {
                let kind = if r.mode == Mode::Data {
                    "data source"
                } else {
                    "resource"
                };
                (
                    &r.location,
                    format!("{kind} \"{}\" \"{}\"", r.r#type, r.name),
                )
            },
        )?;
        first_duplicate(
            &self.calls,
            |c| c.name.as_str(),
            |c| (&c.location, format!("module call \"{}\"", c.name)),
        )
    }

    /// Applies an override file (`override.tf`, `*_override.tf`) as Terraform
    /// merges it: attributes replace attributes, and a nested block type in the
    /// override replaces every block of that type.
    pub fn apply_override(&mut self, over: ModuleSrc) {
        for v in over.variables {
            match self.variables.iter_mut().find(|x| x.name == v.name) {
                Some(base) => {
                    if v.default.is_some() {
                        base.default = v.default;
                    }
                    if v.type_expr.is_some() {
                        base.type_expr = v.type_expr;
                    }
                    base.sensitive |= v.sensitive;
                    base.nullable &= v.nullable;
                }
                None => self.variables.push(v),
            }
        }
        for l in over.locals {
            match self.locals.iter_mut().find(|x| x.name == l.name) {
                Some(base) => *base = l,
                None => self.locals.push(l),
            }
        }
        for o in over.outputs {
            match self.outputs.iter_mut().find(|x| x.name == o.name) {
                Some(base) => base.expr = o.expr,
                None => self.outputs.push(o),
            }
        }
        for p in over.providers {
            match self
                .providers
                .iter_mut()
                .find(|x| x.name == p.name && x.alias == p.alias)
            {
                Some(base) => merge_body(&mut base.body, p.body),
                None => self.providers.push(p),
            }
        }
        for r in over.resources {
            match self
                .resources
                .iter_mut()
                .find(|x| x.mode == r.mode && x.r#type == r.r#type && x.name == r.name)
            {
                Some(base) => {
                    let mut body = std::mem::take(&mut base.body);
                    merge_body(&mut body, r.body);
                    *base = super::hcl::resource_block(
                        base.mode,
                        &base.r#type,
                        &base.name,
                        body,
                        base.location.clone(),
                    );
                }
                None => self.resources.push(r),
            }
        }
        for c in over.calls {
            match self.calls.iter_mut().find(|x| x.name == c.name) {
                Some(base) => {
                    let mut body = std::mem::take(&mut base.body);
                    merge_body(&mut body, c.body);
                    *base = super::hcl::module_call(&base.name, &body, base.location.clone());
                }
                None => self.calls.push(c),
            }
        }
    }
}

/// Terraform's override merge of one block body into another.
fn merge_body(base: &mut Body, over: Body) {
    let replaced: Vec<String> = over
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Block { ident, .. } => Some(ident.clone()),
            Item::Attr { .. } => None,
        })
        .collect();
    base.items
        .retain(|i| !matches!(i, Item::Block { ident, .. } if replaced.contains(ident)));
    for item in over.items {
        let existing = match &item {
            Item::Attr { name, .. } => base
                .items
                .iter()
                .position(|i| matches!(i, Item::Attr { name: n, .. } if n == name)),
            Item::Block { .. } => None,
        };
        match existing {
            Some(at) => base.items[at] = item,
            None => base.items.push(item),
        }
    }
}

/// The root module and every local module it calls, recursively.
#[derive(Debug, Default)]
pub struct ModuleTree {
    pub modules: Vec<ModuleSrc>,
    pub notes: Vec<String>,
    /// The checked tree, computed once per load (`None` only for literals).
    pub checked: Option<Tree>,
}

/// Whether a directory holds `.tf` or `.tf.json` files.
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
            // `components()` drops the `.` segments, so locations read `modules/x/main.tf`.
            let child_dir = shown_base.join(rel).components().collect::<PathBuf>();
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

/// Loads a single HCL file given on the command line as a one-file root module.
pub fn load_single_hcl_file(path: &Path, text: &str, opts: &LoadOptions) -> Result<Model> {
    let mut root = hcl_parse::parse_module_hcl(path, text)?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    root.dir = dir.to_path_buf();
    let checked = Tree::of(dir).map_err(|e| Error::io(dir, e))?;
    let tree = build_tree(root, dir, opts.limits.file(), &checked)?;
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
    let mut root = tfjson::parse_module_json(path, text, doc)?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    root.dir = dir.to_path_buf();
    let checked = Tree::of(dir).map_err(|e| Error::io(dir, e))?;
    let tree = build_tree(root, dir, opts.limits.file(), &checked)?;
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

/// The first block whose key an earlier block has: an error naming both places.
fn first_duplicate<'a, T, K: std::hash::Hash + Eq>(
    blocks: &'a [T],
    key: impl Fn(&'a T) -> K,
    describe: impl Fn(&T) -> (&Location, String),
) -> Result<()> {
    let mut first: HashMap<K, &T> = HashMap::with_capacity(blocks.len());
    for block in blocks {
        if let Some(earlier) = first.get(&key(block)) {
            let (location, what) = describe(block);
            let (first_location, _) = describe(earlier);
            return Err(Error::Parse {
                path: location.file.clone(),
                line: location.line.map(|l| l as usize),
                column: None,
                message: format!("duplicate {what}; first defined at {first_location}"),
            });
        }
        first.insert(key(block), block);
    }
    Ok(())
}
