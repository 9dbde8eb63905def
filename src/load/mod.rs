//! Input detection and dispatch: every input becomes one or more `Model`s.
//!
//! Detection is by content, not by name: a file is a plan, a state, a
//! Terraform JSON configuration, a CDKTF manifest or HCL; a directory is a
//! `cdktf.out` folder (it has a `manifest.json` with stacks), an AWS CDK cloud
//! assembly (`cdk.out`: a `manifest.json` with artifacts) or a root module.
//!
//! Rooms: `plan/` reads plan and state JSON; `config/` reads configurations
//! (HCL, Terraform JSON, CDKTF, module directories, variables) into blocks
//! that the evaluator (`eval`) turns into the model; `cfn/` reads
//! CloudFormation templates and lowers them into the model through its
//! mapping table (issue 16).

pub mod cfn;
pub mod config;
pub mod eval;
pub mod options;
pub mod plan;
pub mod source;
pub mod tree;

use crate::error::{Error, Result};
use crate::model::{InputKind, Model};
use crate::text::{bounded, decode_text, read_text};
use std::path::Path;

pub use options::{CliVar, LoadOptions};

/// Loads one command-line PATH (`-` is stdin).
pub fn load_path(path: &Path, opts: &LoadOptions) -> Result<Vec<Model>> {
    placed(read_path(path, opts), opts)
}

/// Loads JSON or HCL content read from `path` (a file, standard input, a pipe).
pub fn load_bytes(path: &Path, bytes: &[u8], opts: &LoadOptions) -> Result<Vec<Model>> {
    placed(
        load_input(path, bytes, opts, plan::pages::Pager::default()),
        opts,
    )
}

/// Plans completed by the configuration they were made from (`--source DIR`):
/// the configuration is evaluated with each plan's variables. Other models
/// pass through.
pub fn with_source(plans: Vec<Model>, dir: &Path, opts: &LoadOptions) -> Result<Vec<Model>> {
    if !dir.is_dir() || !config::module_dir::has_config_files(dir)? {
        return Err(Error::input(
            dir,
            "--source: no .tf or .tf.json files here: name the root module the plan was made from",
        ));
    }
    plans
        .into_iter()
        .map(|plan| complete_with_source(plan, dir, opts).map_err(|failed| failed.1))
        .collect()
}

/// One model of `with_source`, `dir` being a folder of configuration files.
/// When the configuration cannot be read, the model comes back as it was
/// beside the error, so a caller may check it alone.
pub fn complete_with_source(
    plan: Model,
    dir: &Path,
    opts: &LoadOptions,
) -> std::result::Result<Model, Box<(Model, Error)>> {
    // Other inputs are their own configuration: `check . plan.json --source .`.
    if plan.kind == InputKind::State {
        let mut state = plan;
        state.notes.push(format!(
            "{}: a state, not a plan: checked without --source (a state records no configuration to complete)",
            state.source.display()
        ));
        return Ok(state);
    }
    if plan.kind != InputKind::Plan {
        return Ok(plan);
    }
    let opts = LoadOptions {
        plan_facts: Some(std::sync::Arc::new(source::facts(&plan))),
        ..opts.clone()
    };
    let config = config::module_dir::load_module_dir(dir, &opts);
    match config {
        Ok(mut config) => {
            crate::region::place_all(&mut config);
            Ok(source::merge(plan, config))
        }
        Err(e) => Err(Box::new((plan, e))),
    }
}

/// Every loader's models, placed last by the one region resolver.
fn placed(models: Result<Vec<Model>>, opts: &LoadOptions) -> Result<Vec<Model>> {
    let mut models = models?;
    models.iter_mut().for_each(crate::region::place_all);
    // Said, not silently dropped: a user may expect them to place anything.
    if !opts.template.regions.is_empty() || !opts.template.parameters.is_empty() {
        for model in models
            .iter_mut()
            .filter(|m| m.kind != InputKind::CloudFormation)
        {
            model.notes.push(format!(
                "{}: --region and --parameter apply to CloudFormation templates only; this input is placed by its own providers",
                model.source.display()
            ));
        }
    }
    Ok(models)
}

fn read_path(path: &Path, opts: &LoadOptions) -> Result<Vec<Model>> {
    if path.as_os_str() == "-" {
        let bytes = bounded::read_stdin(opts.limits.input())?;
        return load_input(
            Path::new("<stdin>"),
            &bytes,
            opts,
            plan::pages::Pager::default(),
        );
    }
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        let manifest = path.join("manifest.json");
        if manifest.is_file() {
            let text = read_text(&manifest, opts.limits.file())?;
            let doc: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| Error::json(&manifest, &e))?;
            if doc.get("stacks").is_some() {
                return config::cdktf::load_cdktf_out(path, &manifest, &doc, opts);
            }
            if cfn::assembly::is_assembly(&doc) {
                return cfn::assembly::load(path, &manifest, &doc, opts);
            }
        }
        if config::module_dir::has_config_files(path)? {
            return Ok(vec![config::module_dir::load_module_dir(path, opts)?]);
        }
        let nested = path.join("cdktf.out");
        if nested.join("manifest.json").is_file() {
            return read_path(&nested, opts);
        }
        // An AWS CDK app: its synth output.
        let cdk_json = path.join("cdk.json");
        if cdk_json.is_file() {
            // Read as an assembly, never as a folder again: an `"output"`
            // linking back to the project would otherwise loop.
            let out = cdk_output(path, &cdk_json, opts)?;
            let manifest = out.join("manifest.json");
            let text = read_text(&manifest, opts.limits.file())?;
            let doc: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| Error::json(&manifest, &e))?;
            if !cfn::assembly::is_assembly(&doc) {
                return Err(Error::input(
                    &manifest,
                    "no \"artifacts\": not a cloud assembly manifest",
                ));
            }
            return cfn::assembly::load(&out, &manifest, &doc, opts);
        }
        // A synth output that lost its manifest: the stacks are there, but
        // which stack is which (and its path) only the manifest says.
        for out in [path, nested.as_path()] {
            if out.join("stacks").is_dir() {
                return Err(Error::input(
                    out,
                    "a cdktf.out folder without manifest.json: run `cdktf synth` again, or pass a stack's cdk.tf.json",
                ));
            }
        }
        return Err(Error::input(
            path,
            "no Terraform configuration here: expected .tf / .tf.json files or a cdktf.out manifest.json",
        ));
    }
    let bytes = plan::pages::Bytes::open(path, opts.limits.input())?;
    load_input(path, bytes.as_slice(), opts, bytes.pager())
}

/// The cloud assembly of the CDK app in `project`: `cdk.out`, or the folder
/// its `cdk.json` names in `"output"`, which must stay inside the project.
fn cdk_output(project: &Path, cdk_json: &Path, opts: &LoadOptions) -> Result<std::path::PathBuf> {
    let text = read_text(cdk_json, opts.limits.file())?;
    let doc: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| Error::json(cdk_json, &e))?;
    let output = match doc.get("output") {
        None => "cdk.out",
        Some(serde_json::Value::String(s)) => s.as_str(),
        Some(_) => return Err(Error::input(cdk_json, "\"output\": expected a folder name")),
    };
    let root = project.canonicalize().map_err(|e| Error::io(project, e))?;
    let not_synthesized = || {
        Error::input(
            project,
            format!(
                "an AWS CDK app whose cloud assembly {output:?} is not there: run `cdk synth` first, or pass the cdk.out folder"
            ),
        )
    };
    let dir = cfn::assembly::confined(&root, project, output).map_err(|e| match e {
        cfn::assembly::Confined::Outside => Error::input(
            cdk_json,
            format!("\"output\": {output:?} is outside the CDK project's folder"),
        ),
        cfn::assembly::Confined::Missing(..) => not_synthesized(),
    })?;
    if !dir.join("manifest.json").is_file() {
        return Err(not_synthesized());
    }
    Ok(dir)
}

/// `load_bytes`, handing pages of a mapped input back as they are read.
fn load_input(
    path: &Path,
    bytes: &[u8],
    opts: &LoadOptions,
    pager: plan::pages::Pager,
) -> Result<Vec<Model>> {
    let text = decode_text(path, bytes)?;
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Err(Error::input(
            path,
            "empty file: not a plan, state or configuration",
        ));
    }
    if trimmed.starts_with('{') {
        // The top level first, its members unparsed: a plan is then read
        // section by section (plan.rs), anything else as one JSON tree.
        let top: plan::RawDoc = serde_json::from_str(&text).map_err(|e| Error::json(path, &e))?;
        if top.contains_key("format_version") {
            // Scanned once; each section is touched again only when read.
            pager.release_all();
            let src = plan::Source {
                path,
                bytes,
                text: &text,
            };
            return Ok(vec![plan::load(src, &top, pager)?]);
        }
        drop(top);
        let doc: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| Error::json(path, &e))?;
        return load_json(path, &text, doc, opts);
    }
    // A `.json` file is read as JSON whatever it starts with: a number or a
    // string there is JSON that is not a plan, not HCL.
    if trimmed.starts_with('[') || path.extension().is_some_and(|e| e == "json") {
        let doc: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| Error::json(path, &e))?;
        return load_json(path, &text, doc, opts);
    }
    if path == Path::new("<stdin>") {
        if cfn::looks_like_template(&text) {
            return template(path, &text, opts);
        }
        return Err(Error::input(
            path,
            "standard input is not JSON: pipe `terraform show -json` output, or pass a directory",
        ));
    }
    // A file named as YAML is read as YAML: a template, or a clear error
    // saying why not (invalid YAML at a line, or YAML that is no template).
    if path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["yaml", "yml", "template"].contains(&e.to_ascii_lowercase().as_str()))
    {
        return template(path, &text, opts);
    }
    // Not JSON: an HCL file, loaded as a one-file module. A YAML template is
    // no HCL: recognised only once HCL has failed, so no HCL input changes.
    match config::module_dir::load_single_hcl_file(path, &text, opts) {
        Ok(model) => Ok(vec![model]),
        Err(_) if cfn::looks_like_template(&text) => template(path, &text, opts),
        Err(e) => Err(e),
    }
}

/// A CloudFormation template, read and lowered into the model (one per `--region`).
fn template(path: &Path, text: &str, opts: &LoadOptions) -> Result<Vec<Model>> {
    let template = cfn::parse(path, text)?;
    let mut models = cfn::lower::lower(path, &template, &opts.template)?;
    cfn::stackset::add_instances(path, &template, &mut models, opts)?;
    Ok(models)
}

fn load_json(
    path: &Path,
    text: &str,
    doc: serde_json::Value,
    opts: &LoadOptions,
) -> Result<Vec<Model>> {
    let Some(obj) = doc.as_object() else {
        return Err(Error::input(
            path,
            format!("{NOT_A_PLAN} (the JSON is not an object)"),
        ));
    };
    if obj.contains_key("lineage") && obj.contains_key("serial") {
        return Err(Error::input(
            path,
            "this is a raw Terraform state file; run `terraform show -json` and pass its output",
        ));
    }
    if obj.contains_key("stacks") && obj.contains_key("version") {
        let dir = path.parent().unwrap_or(Path::new("."));
        return config::cdktf::load_cdktf_out(dir, path, &doc, opts);
    }
    const CONFIG_KEYS: &[&str] = &[
        "resource",
        "data",
        "provider",
        "module",
        "variable",
        "locals",
        "output",
        "terraform",
        "//",
    ];
    if obj.keys().any(|k| CONFIG_KEYS.contains(&k.as_str())) {
        return Ok(vec![config::module_dir::load_single_json_file(
            path, text, &doc, opts,
        )?]);
    }
    if cfn::looks_like_template(text) {
        return template(path, text, opts);
    }
    Err(Error::input(
        path,
        format!(
            "{NOT_A_PLAN} (no \"format_version\", \"stacks\" or configuration block such as \"resource\" at its top level)"
        ),
    ))
}

const NOT_A_PLAN: &str = "not a Terraform plan or state (`terraform show -json`), CDKTF synth output or Terraform JSON configuration";
