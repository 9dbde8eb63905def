//! CDKTF synth output: a `cdktf.out` folder (`manifest.json` and one
//! `cdk.tf.json` per stack), each stack a Terraform JSON root module.

use super::module_dir;
use crate::error::{Error, Result};
use crate::load::options::LoadOptions;
use crate::load::tree::Located;
use crate::model::{InputKind, Model};
use serde_json::Value as Json;
use std::path::Path;

/// A `cdktf.out` folder: every stack its `manifest.json` lists.
pub fn load_cdktf_out(
    dir: &Path,
    manifest_path: &Path,
    manifest: &Json,
    opts: &LoadOptions,
) -> Result<Vec<Model>> {
    let Some(stacks) = manifest.get("stacks").and_then(Json::as_object) else {
        return Err(Error::input(
            manifest_path,
            "CDKTF manifest has no `stacks` object",
        ));
    };
    // The manifest is as hostile as the rest: its stacks are read only from
    // inside the folder it describes, links resolved.
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    // The same containment as the checked tree's, with the folder as its
    // root: checked as written first, so a path outside gets the same answer
    // whether or not anything is there.
    let folder = crate::load::tree::Tree::at(dir).map_err(|e| Error::io(dir, e))?;
    let mut models = Vec::new();
    for (name, stack) in stacks {
        let Some(rel) = stack.get("synthesizedStackPath").and_then(Json::as_str) else {
            return Err(Error::input(
                manifest_path,
                format!("stack {name:?} has no `synthesizedStackPath`"),
            ));
        };
        let file = dir.join(rel);
        let real = match folder.locate(dir, Path::new(rel)) {
            Located::Inside(real) => real,
            Located::Outside | Located::LinksOutside => {
                return Err(Error::input(
                    manifest_path,
                    format!(
                        "stack {name:?}: `synthesizedStackPath` {rel:?} leads outside the cdktf.out folder; tfward reads stacks only inside it"
                    ),
                ));
            }
            Located::Missing => {
                return Err(Error::io(&file, std::io::ErrorKind::NotFound.into()));
            }
            Located::Unresolvable(e) => return Err(Error::io(&file, e)),
        };
        // Shown as the manifest names it, unless a `..` makes that differ
        // from where it resolves.
        let file = if Path::new(rel)
            .components()
            .any(|c| c == std::path::Component::ParentDir)
        {
            real.clone()
        } else {
            file
        };
        let text = crate::text::read_text_as(&real, &file, opts.limits.input())?;
        let doc: Json = serde_json::from_str(&text).map_err(|e| Error::json(&file, &e))?;
        let mut model = module_dir::load_single_json_file(&file, &text, &doc, opts)?;
        model.kind = InputKind::Cdktf;
        model.stack = Some(name.clone());
        models.push(model);
    }
    Ok(models)
}
