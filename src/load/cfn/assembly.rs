//! AWS CDK cloud assemblies (`cdk.out`): the stacks `manifest.json` lists,
//! each template read and lowered (`lower::lower_stack`) in the region of the
//! stack's `environment`, and the nested assemblies of CDK stages followed.
//! Every file named must stay inside the assembly's folder: a manifest is
//! input like any other.

use super::lower::{self, Stack};
use crate::error::{Error, Result};
use crate::load::options::LoadOptions;
use crate::model::Model;
use crate::text::read_text;
use std::path::{Component, Path, PathBuf};

const STACK: &str = "aws:cloudformation:stack";
const NESTED: &str = "cdk:cloud-assembly";
/// Stages within stages: deeper than any real app, and no manifest loop runs forever.
const MAX_DEPTH: usize = 8;

/// Whether a parsed `manifest.json` is a cloud assembly's (CDKTF's has `stacks`).
pub fn is_assembly(doc: &serde_json::Value) -> bool {
    doc.get("artifacts")
        .is_some_and(serde_json::Value::is_object)
}

/// The models of every stack of the assembly in `dir`, whose `manifest` is `doc`.
pub fn load(
    dir: &Path,
    manifest: &Path,
    doc: &serde_json::Value,
    opts: &LoadOptions,
) -> Result<Vec<Model>> {
    let root = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
    let mut models = Vec::new();
    read_assembly(&root, dir, manifest, doc, opts, 0, &mut models)?;
    Ok(models)
}

fn read_assembly(
    root: &Path,
    dir: &Path,
    manifest: &Path,
    doc: &serde_json::Value,
    opts: &LoadOptions,
    depth: usize,
    models: &mut Vec<Model>,
) -> Result<()> {
    let Some(artifacts) = doc.get("artifacts").and_then(serde_json::Value::as_object) else {
        return Err(Error::input(
            manifest,
            "no \"artifacts\": not a cloud assembly manifest",
        ));
    };
    for (id, artifact) in artifacts {
        let kind = artifact.get("type").and_then(serde_json::Value::as_str);
        let property = |name: &str| {
            artifact
                .get("properties")
                .and_then(|p| p.get(name))
                .and_then(serde_json::Value::as_str)
        };
        match kind {
            Some(STACK) => {
                let Some(file) = property("templateFile") else {
                    return Err(Error::input(
                        manifest,
                        format!("artifact {id}: a stack without properties.templateFile"),
                    ));
                };
                let template_path = inside(root, dir, file, manifest, id)?;
                let environment = artifact
                    .get("environment")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or("aws://unknown-account/unknown-region");
                let (account, region) = parse_environment(environment).ok_or_else(|| {
                    Error::input(
                        manifest,
                        format!(
                            "artifact {id}: environment {environment:?} is not aws://ACCOUNT/REGION"
                        ),
                    )
                })?;
                let text = read_text(&template_path, opts.limits.file())?;
                let template = super::parse(&template_path, &text)?;
                let stack = Stack {
                    name: id,
                    environment,
                    region,
                    account,
                };
                models.push(lower::lower_stack(
                    &template_path,
                    &template,
                    &opts.template.parameters,
                    &stack,
                ));
            }
            Some(NESTED) => {
                let Some(sub) = property("directoryName") else {
                    return Err(Error::input(
                        manifest,
                        format!(
                            "artifact {id}: a nested assembly without properties.directoryName"
                        ),
                    ));
                };
                if depth + 1 >= MAX_DEPTH {
                    return Err(Error::input(
                        manifest,
                        format!("artifact {id}: nested assemblies deeper than {MAX_DEPTH} levels"),
                    ));
                }
                let sub_dir = inside(root, dir, sub, manifest, id)?;
                let sub_manifest = sub_dir.join("manifest.json");
                let text = read_text(&sub_manifest, opts.limits.file())?;
                let sub_doc: serde_json::Value =
                    serde_json::from_str(&text).map_err(|e| Error::json(&sub_manifest, &e))?;
                read_assembly(
                    root,
                    &sub_dir,
                    &sub_manifest,
                    &sub_doc,
                    opts,
                    depth + 1,
                    models,
                )?;
            }
            // Asset manifests, the construct tree, metadata: nothing deployed.
            _ => {}
        }
    }
    Ok(())
}

/// `dir/relative`, refused unless it is relative, has no `..` and (links
/// followed) stays below `root`.
fn inside(root: &Path, dir: &Path, relative: &str, manifest: &Path, id: &str) -> Result<PathBuf> {
    let outside = || {
        Error::input(
            manifest,
            format!("artifact {id}: {relative:?} is outside the cloud assembly's folder"),
        )
    };
    let rel = Path::new(relative);
    if relative.is_empty() || !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(outside());
    }
    let path = dir.join(rel);
    let real = path.canonicalize().map_err(|e| Error::io(&path, e))?;
    if !real.starts_with(root) {
        return Err(outside());
    }
    Ok(path)
}

/// `aws://ACCOUNT/REGION` → (account, region), `unknown-*` as `None`.
fn parse_environment(env: &str) -> Option<(Option<&str>, Option<&str>)> {
    let (account, region) = env.strip_prefix("aws://")?.split_once('/')?;
    if account.is_empty() || region.is_empty() || region.contains('/') {
        return None;
    }
    Some((
        (account != "unknown-account").then_some(account),
        (region != "unknown-region").then_some(region),
    ))
}

#[cfg(test)]
mod tests {
    use super::parse_environment;

    #[test]
    fn environments() {
        assert_eq!(
            parse_environment("aws://111122223333/eu-central-1"),
            Some((Some("111122223333"), Some("eu-central-1")))
        );
        assert_eq!(
            parse_environment("aws://unknown-account/unknown-region"),
            Some((None, None))
        );
        assert_eq!(parse_environment("aws://111122223333"), None);
        assert_eq!(parse_environment("gcp://a/b"), None);
    }
}
