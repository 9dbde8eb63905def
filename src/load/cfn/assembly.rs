//! AWS CDK cloud assemblies (`cdk.out`): the stacks `manifest.json` lists,
//! each template read and lowered (`lower::lower_stack`) in the region of the
//! stack's `environment`, and the nested assemblies of CDK stages followed.
//! Every file named must stay inside the assembly's folder: a manifest is
//! input like any other.
//!
//! The stacks are read first, then lowered together: what one stack shares
//! (exports, outputs, CDK's cross-region export writers) resolves the other
//! stacks' imports to references to the producing resource, which is copied
//! into the importing stack's model as a resource read there, in its own region.

use super::eval::{self, Evaluated, Evaluator, Links, Shared};
use super::lower::{self, Stack};
use super::{CfnValue, Template};
use crate::error::{Error, Result};
use crate::load::options::LoadOptions;
use crate::model::{InputKind, Model, ProviderRef, Value};
use crate::text::read_text;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

const STACK: &str = "aws:cloudformation:stack";
const NESTED: &str = "cdk:cloud-assembly";
const NESTED_STACK: &str = "AWS::CloudFormation::Stack";
/// Stages within stages: deeper than any real app, and no manifest loop runs forever.
const MAX_DEPTH: usize = 8;
/// Stacks one assembly may hold, nested stacks included: a few templates
/// each naming the next twenty times would otherwise ask for 20^7 reads.
/// CloudFormation's own quota is 2,000 stacks per account and region.
const MAX_STACKS: usize = 10_000;

/// Whether a parsed `manifest.json` is a cloud assembly's (CDKTF's has `stacks`).
pub fn is_assembly(doc: &serde_json::Value) -> bool {
    doc.get("artifacts")
        .is_some_and(serde_json::Value::is_object)
}

/// The model of the app whose assembly is in `dir`, whose `manifest` is
/// `doc`: every stack, in its environment's region (`one_app`).
pub fn load(
    dir: &Path,
    manifest: &Path,
    doc: &serde_json::Value,
    opts: &LoadOptions,
) -> Result<Vec<Model>> {
    let root = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
    let mut stacks = Vec::new();
    let mut read = Read {
        stacks: &mut stacks,
        folders: BTreeSet::new(),
    };
    read_assembly(&root, dir, manifest, doc, opts, 0, &mut read)?;
    let parameters = &opts.template.parameters;
    let links = links(&stacks, parameters)?;
    let models: Vec<Model> = stacks
        .iter()
        .map(|s| {
            let stack = Stack {
                name: &s.id,
                environment: &s.environment,
                region: s.region.as_deref(),
                account: s.account.as_deref(),
                links: &links,
            };
            let mut model = lower::lower_stack(&s.path, &s.template, parameters, &stack)?;
            model.notes.extend(s.notes.iter().cloned());
            Ok(model)
        })
        .collect::<Result<_>>()?;
    Ok(vec![one_app(dir, models, &stacks)])
}

/// A stack of the assembly, read and waiting for the others to be lowered.
struct ReadStack {
    /// The artifact id: the prefix of its addresses.
    id: String,
    /// The CloudFormation stack name (`properties.stackName`, else the id):
    /// what `Fn::GetStackOutput` names.
    stack_name: String,
    path: PathBuf,
    template: Template,
    environment: String,
    region: Option<String>,
    account: Option<String>,
    /// Said with the stack's model (nested stacks not read).
    notes: Vec<String>,
}

/// What each stack shares with the others: its outputs (exported or not)
/// and the values its CDK cross-region export writers write, each evaluated
/// in the producing stack.
fn links(stacks: &[ReadStack], parameters: &BTreeMap<String, String>) -> Result<Links> {
    let mut links = Links::default();
    for s in stacks {
        let pseudo = lower::pseudo_parameters(s.region.as_deref(), s.account.as_deref());
        let eval = Evaluator::new(&s.template, parameters, &pseudo);
        let shared = |written: &CfnValue| {
            let Evaluated { value, references } = eval.evaluate_member(written)?;
            Some(Shared {
                value,
                references: references
                    .into_iter()
                    .map(|r| eval::Reference {
                        stack: Some(r.stack.unwrap_or_else(|| s.id.clone())),
                        ..r
                    })
                    .collect(),
                region: s.region.clone(),
                from: s.id.clone(),
                elsewhere: false,
            })
        };
        for (name, output) in &s.template.outputs {
            if let Some(cond) = &output.condition
                && eval.condition(cond) == Some(false)
            {
                continue;
            }
            let Some(value) = shared(&output.value) else {
                continue;
            };
            let export = output.export_name.as_ref().map(|n| eval.evaluate(n).value);
            if let Some(Value::String(export)) = export {
                links.exports.entry(export).or_default().push(value.clone());
            }
            links
                .outputs
                .insert((s.stack_name.clone(), name.clone()), value);
        }
        // What a parent passes its nested stacks' parameters.
        for nested in s
            .template
            .resources
            .iter()
            .filter(|r| r.r#type == NESTED_STACK)
        {
            let passed = nested.property("Parameters").and_then(CfnValue::as_map);
            for (name, written) in passed.into_iter().flatten() {
                if let Some(value) = shared(written) {
                    let id = format!("{}/{}", s.id, nested.logical_id);
                    links.parameters.insert((id, name.clone()), value);
                }
            }
        }
        let writers = s
            .template
            .resources
            .iter()
            .filter(|r| r.r#type == eval::CDK_EXPORT_WRITER);
        for writer in writers {
            let exports = writer
                .property("WriterProps")
                .and_then(CfnValue::as_map)
                .and_then(|p| p.get("exports"))
                .and_then(CfnValue::as_map);
            for (parameter, written) in exports.into_iter().flatten() {
                if let Some(value) = shared(written) {
                    links.cdk_exports.insert(parameter.clone(), value);
                }
            }
        }
        if eval.exhausted() {
            return Err(lower::too_large(&s.path, "Outputs"));
        }
    }
    Ok(links)
}

/// The stacks of one app as one model, as a Terraform configuration holds
/// its regions: each stack's resources use a provider configuration named
/// after the stack (`aws.Primary`), placed in its environment's region. Rules
/// then see the whole app, as RULES.md judges it: a reference into another
/// stack reaches its resource, a replication destination may be another
/// stack's bucket, a region's keys are every stack's keys there.
fn one_app(dir: &Path, models: Vec<Model>, stacks: &[ReadStack]) -> Model {
    let mut app = Model::new(InputKind::CloudFormation, dir.to_path_buf());
    let accounts: BTreeSet<Option<&str>> = stacks.iter().map(|s| s.account.as_deref()).collect();
    // The app's own account, when every stack names the same one.
    app.account = match accounts.into_iter().collect::<Vec<_>>().as_slice() {
        [Some(one)] => Some((*one).to_string()),
        _ => None,
    };
    for (model, stack) in models.into_iter().zip(stacks) {
        let provider = Arc::new(ProviderRef {
            name: "aws".to_string(),
            alias: Some(stack.id.clone()),
            scope: Arc::from([]),
            origin: format!("the environment of stack {}", stack.id),
        });
        for mut config in model.providers {
            config.alias = Some(stack.id.clone());
            // Stacks in other accounts are other accounts (backup copies, ARNs).
            config.account_hint = stack.account.as_ref().map(|a| format!("account {a}"));
            app.providers.push(config);
        }
        app.resources
            .extend(model.resources.into_iter().map(|mut res| {
                res.provider = provider.clone();
                res
            }));
        app.notes.extend(model.notes);
        app.suppressions.extend(model.suppressions);
    }
    app.finish()
}

/// What an assembly's manifests have given so far: the stacks, and the
/// nested assembly folders read (each once: a manifest may name one folder
/// under many artifact ids, and a fan of those would read it exponentially often).
struct Read<'s> {
    stacks: &'s mut Vec<ReadStack>,
    folders: BTreeSet<PathBuf>,
}

fn read_assembly(
    root: &Path,
    dir: &Path,
    manifest: &Path,
    doc: &serde_json::Value,
    opts: &LoadOptions,
    depth: usize,
    read: &mut Read,
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
                if read.stacks.len() >= MAX_STACKS {
                    return Err(Error::input(
                        manifest,
                        format!(
                            "artifact {id}: more than {MAX_STACKS} stacks in the cloud assembly"
                        ),
                    ));
                }
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
                let stack = ReadStack {
                    id: id.clone(),
                    stack_name: property("stackName").unwrap_or(id).to_string(),
                    path: template_path,
                    template,
                    environment: environment.to_string(),
                    region: region.map(str::to_string),
                    account: account.map(str::to_string),
                    notes: Vec::new(),
                };
                read_with_nested(root, dir, stack, opts, 0, read.stacks)?;
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
                let folder = sub_dir.canonicalize().unwrap_or_else(|_| sub_dir.clone());
                if !read.folders.insert(folder) {
                    continue;
                }
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
                    read,
                )?;
            }
            // Asset manifests, the construct tree, metadata: nothing deployed.
            _ => {}
        }
    }
    Ok(())
}

/// A stack and, after it, the nested stacks (`AWS::CloudFormation::Stack`)
/// whose templates are in the assembly: CDK names each in the resource's
/// `aws:asset:path` metadata. A nested stack is a stack of its own,
/// `<parent>/<LogicalId>`, in its parent's environment.
fn read_with_nested(
    root: &Path,
    dir: &Path,
    mut stack: ReadStack,
    opts: &LoadOptions,
    depth: usize,
    stacks: &mut Vec<ReadStack>,
) -> Result<()> {
    let mut nested = Vec::new();
    for res in &stack.template.resources {
        if res.r#type != NESTED_STACK {
            continue;
        }
        let metadata = res.metadata.as_ref().and_then(CfnValue::as_map);
        let asset = metadata
            .and_then(|m| m.get("aws:asset:path"))
            .and_then(CfnValue::as_str)
            .filter(|_| {
                metadata
                    .and_then(|m| m.get("aws:asset:property"))
                    .is_none_or(|p| p.as_str() == Some("TemplateURL"))
            });
        let Some(file) = asset else {
            stack.notes.push(format!(
                "{}: {}: nested stack not read: its TemplateURL names no template inside the cloud assembly",
                stack.path.display(),
                res.logical_id
            ));
            continue;
        };
        let parent = &stack.path;
        let path = confined(root, dir, file).map_err(|e| {
            let why = match e {
                Confined::Outside => "is outside the cloud assembly's folder",
                Confined::Missing(..) => "is not in the cloud assembly",
            };
            Error::input(
                parent,
                format!("{}: nested stack template {file:?} {why}", res.logical_id),
            )
        })?;
        if depth + 1 >= MAX_DEPTH {
            return Err(Error::input(
                parent,
                format!(
                    "{}: nested stacks deeper than {MAX_DEPTH} levels",
                    res.logical_id
                ),
            ));
        }
        if stacks.len() + nested.len() >= MAX_STACKS {
            return Err(Error::input(
                parent,
                format!(
                    "{}: more than {MAX_STACKS} stacks in the cloud assembly, nested stacks included",
                    res.logical_id
                ),
            ));
        }
        let text = read_text(&path, opts.limits.file())?;
        let template = super::parse(&path, &text)?;
        let id = format!("{}/{}", stack.id, res.logical_id);
        nested.push(ReadStack {
            stack_name: id.clone(),
            id,
            path,
            template,
            environment: stack.environment.clone(),
            region: stack.region.clone(),
            account: stack.account.clone(),
            notes: Vec::new(),
        });
    }
    stacks.push(stack);
    for n in nested {
        read_with_nested(root, dir, n, opts, depth + 1, stacks)?;
    }
    Ok(())
}

/// `dir/relative`, refused unless it is relative, has no `..` and (links
/// followed) stays below `root`; `what` says who named it in the error.
fn inside(root: &Path, dir: &Path, relative: &str, manifest: &Path, id: &str) -> Result<PathBuf> {
    confined(root, dir, relative).map_err(|e| match e {
        Confined::Outside => Error::input(
            manifest,
            format!("artifact {id}: {relative:?} is outside the cloud assembly's folder"),
        ),
        Confined::Missing(path, e) => Error::io(path, e),
    })
}

/// Why a path named by an input is refused.
pub(crate) enum Confined {
    /// Absolute, with `..`, or (links followed) leaving the folder.
    Outside,
    Missing(PathBuf, std::io::Error),
}

/// `dir/relative` when it stays below `root` (canonical), which it must for
/// anything an input names: a manifest, a `cdk.json`, a template.
pub(crate) fn confined(
    root: &Path,
    dir: &Path,
    relative: &str,
) -> std::result::Result<PathBuf, Confined> {
    let rel = Path::new(relative);
    let plain = rel
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if relative.is_empty() || !plain || !rel.components().any(|c| matches!(c, Component::Normal(_)))
    {
        return Err(Confined::Outside);
    }
    let path = dir.join(rel);
    let real = path
        .canonicalize()
        .map_err(|e| Confined::Missing(path.clone(), e))?;
    if !real.starts_with(root) {
        return Err(Confined::Outside);
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
    use crate::load::{LoadOptions, load_path};
    use crate::model::{Mode, Model, Region, Resource, Value};
    use std::path::Path;

    fn fixture(name: &str) -> Vec<Model> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("testdata/cfn")
            .join(name);
        load_path(&dir, &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The app's one model, holding the stack `name`.
    fn stack<'m>(models: &'m [Model], name: &str) -> &'m Model {
        assert_eq!(models.len(), 1, "an assembly is one app");
        let prefix = format!("{name}/");
        assert!(
            models[0]
                .resources
                .iter()
                .any(|r| r.address.starts_with(&prefix)),
            "no stack {name}"
        );
        &models[0]
    }

    fn find<'m>(model: &'m Model, address: &str) -> &'m Resource {
        model
            .resources
            .iter()
            .find(|r| r.address == address)
            .unwrap_or_else(|| panic!("no {address} in {:?}", model.stack))
    }

    fn targets(res: &Resource) -> Vec<(&str, &str)> {
        res.refs
            .iter()
            .map(|r| (r.attr.as_str(), r.target.as_str()))
            .collect()
    }

    fn findings(models: &[Model], rule: &str) -> Vec<(String, Vec<String>)> {
        let policy = crate::policy::Policy::default();
        let rules: Vec<_> = crate::rules::all(&policy)
            .into_iter()
            .filter(|r| r.meta.id == rule)
            .collect();
        models
            .iter()
            .flat_map(|m| crate::rules::run(m, &policy, &rules))
            .map(|f| {
                let related = f.related.iter().map(|r| r.address.clone()).collect();
                (f.address.clone(), related)
            })
            .collect()
    }

    /// Both mechanisms CDK 2.276 writes for a reference across regions
    /// (testdata/cfn/assembly-refs-src/app.ts): the SSM export writer and
    /// reader (`crossRegionReferences`, strong references) and
    /// `Fn::GetStackOutput` (weak ones). Either way the log group in
    /// eu-central-1 uses the key of the us-east-1 stack.
    #[test]
    fn cdk_cross_region_references_reach_the_producing_resource() {
        for name in ["assembly-refs-strong", "assembly-refs-weak"] {
            let models = fixture(name);
            let logs = stack(&models, "Logs");
            let group = find(logs, "Logs/AppLogsC5DF83A6");
            assert_eq!(
                targets(group),
                [("kms_key_id", "Keys/SharedKey1EE60F1E")],
                "{name}"
            );
            let key = find(logs, "Keys/SharedKey1EE60F1E");
            assert_eq!(key.mode, Mode::Managed, "{name}");
            assert_eq!(key.placement.region, Region::Known("us-east-1".into()));
            assert_eq!(key.shown_type(), "AWS::KMS::Key");
            assert_eq!(
                findings(&models, "kms-cross-region-reference"),
                [(
                    "Logs/AppLogsC5DF83A6".to_string(),
                    vec!["Keys/SharedKey1EE60F1E".to_string()]
                )],
                "{name}"
            );
        }
    }

    /// `Fn::ImportValue` of an export of the same region: a reference to the
    /// exporting stack's key, no finding.
    #[test]
    fn import_value_resolves_to_the_exporting_stack() {
        let models = fixture("assembly-refs-strong");
        let importer = stack(&models, "Importer");
        let imported = find(importer, "Importer/Imported");
        assert_eq!(
            targets(imported),
            [("kms_key_id", "Keys/SharedKey1EE60F1E")]
        );
        assert_eq!(
            find(importer, "Keys/SharedKey1EE60F1E").placement.region,
            Region::Known("us-east-1".into())
        );
        assert!(
            findings(&models, "kms-cross-region-reference")
                .iter()
                .all(|(a, _)| a != "Importer/Imported")
        );
    }

    fn assembly(stacks: &[(&str, &str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tmp");
        let artifacts: Vec<String> = stacks
            .iter()
            .map(|(id, env, _)| {
                format!(
                    r#""{id}": {{"type": "aws:cloudformation:stack", "environment": "{env}",
                    "properties": {{"templateFile": "{id}.template.yaml"}}}}"#
                )
            })
            .collect();
        let manifest = format!(
            r#"{{"version": "48.0.0", "artifacts": {{{}}}}}"#,
            artifacts.join(",")
        );
        std::fs::write(dir.path().join("manifest.json"), manifest).expect("write");
        for (id, _, template) in stacks {
            std::fs::write(dir.path().join(format!("{id}.template.yaml")), template)
                .expect("write");
        }
        dir
    }

    const EXPORTER: &str = "\
Parameters:
  Env: {Type: String, Default: prod}
Resources:
  Key: {Type: AWS::KMS::Key, Properties: {EnableKeyRotation: false}}
Outputs:
  KeyArn:
    Value: !GetAtt Key.Arn
    Export: {Name: !Sub '${Env}-key-arn'}
  Name:
    Value: !Sub 'logs-${AWS::Region}'
    Export: {Name: group-name}
";

    /// An export's name may be a `!Sub` on either side; its value is the
    /// exporting stack's (evaluated there); an import of an export made in
    /// another region is a reference into that region (exports are
    /// regional: the deploy would fail); an import nothing exports stays unknown.
    #[test]
    fn imports_across_regions_and_unresolved_ones() {
        let consumer = "\
Parameters:
  Env: {Type: String, Default: prod}
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !ImportValue group-name
      KmsKeyId: {'Fn::ImportValue': !Sub '${Env}-key-arn'}
  Other:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !ImportValue nobody-exports-this
";
        let dir = assembly(&[
            ("Shared", "aws://111122223333/us-east-1", EXPORTER),
            ("App", "aws://111122223333/eu-west-1", consumer),
        ]);
        let models =
            load_path(dir.path(), &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        let app = stack(&models, "App");
        let logs = find(app, "App/Logs");
        assert_eq!(targets(logs), [("kms_key_id", "Shared/Key")]);
        assert_eq!(
            logs.attr("name"),
            Some(&Value::String("logs-us-east-1".into()))
        );
        let other = find(app, "App/Other");
        assert!(other.refs.is_empty());
        assert_eq!(other.attr("kms_key_id"), Some(&Value::Unknown));
        assert_eq!(
            find(app, "Shared/Key").placement.region,
            Region::Known("us-east-1".into())
        );
        assert_eq!(
            findings(&models, "kms-cross-region-reference"),
            [("App/Logs".to_string(), vec!["Shared/Key".to_string()])]
        );
        // The key is judged once, in its own stack.
        assert_eq!(
            findings(&models, "kms-key-rotation"),
            [("Shared/Key".to_string(), vec![])]
        );
    }

    /// One name exported in two regions: each importer gets its own region's.
    #[test]
    fn an_import_reads_the_export_of_its_own_region() {
        let consumer = "\
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      KmsKeyId: !ImportValue prod-key-arn
";
        let dir = assembly(&[
            ("East", "aws://111122223333/us-east-1", EXPORTER),
            ("West", "aws://111122223333/us-west-2", EXPORTER),
            ("App", "aws://111122223333/us-west-2", consumer),
        ]);
        let models =
            load_path(dir.path(), &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        let logs = find(stack(&models, "App"), "App/Logs");
        assert_eq!(targets(logs), [("kms_key_id", "West/Key")]);
        assert!(findings(&models, "kms-cross-region-reference").is_empty());
    }

    /// Two stacks whose regions are unknown: what one reads of the other
    /// through `Fn::GetStackOutput` (which may cross regions) names the
    /// producer's `${AWS::Region}`, no evidence of a same-region copy; through
    /// `Fn::ImportValue` (exports are regional) it is the reader's own.
    #[test]
    fn another_stacks_own_region_is_not_this_ones() {
        let producer = "\
Resources:
  Dr: {Type: AWS::Backup::BackupVault, Properties: {BackupVaultName: dr}}
Outputs:
  DrArn:
    Value: !Sub 'arn:aws:backup:${AWS::Region}:${AWS::AccountId}:backup-vault:dr'
    Export: {Name: dr-arn}
";
        let consumer = |read: &str| {
            format!(
                "\
Resources:
  Vault: {{Type: AWS::Backup::BackupVault, Properties: {{BackupVaultName: app}}}}
  Plan:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan:
        BackupPlanName: daily
        BackupPlanRule:
          - RuleName: daily
            TargetBackupVault: !Ref Vault
            ScheduleExpression: cron(0 5 ? * * *)
            CopyActions: [{{DestinationBackupVaultArn: {read}}}]
"
            )
        };
        const UNKNOWN: &str = "aws://unknown-account/unknown-region";
        let fired = |read: &str| {
            let dir = assembly(&[
                ("Producer", UNKNOWN, producer),
                ("App", UNKNOWN, &consumer(read)),
            ]);
            let models =
                load_path(dir.path(), &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
            findings(&models, "backup-copy-same-region").len()
        };
        assert_eq!(
            fired("{'Fn::GetStackOutput': {StackName: Producer, OutputName: DrArn}}"),
            0
        );
        assert_eq!(fired("!ImportValue dr-arn"), 1);
    }

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

    /// A CDK nested stack (testdata/cfn/assembly-refs-src/nested.ts): its
    /// template, named by the `aws:asset:path` metadata, is a stack of its
    /// own in the parent's region; the parameters the parent passes and the
    /// outputs the parent reads are references across the two.
    #[test]
    fn nested_stacks_are_read_with_their_parent() {
        let models = fixture("assembly-nested");
        const NESTED: &str = "Parent/InnerNestedStackInnerNestedStackResource745E041B";
        let nested = stack(&models, NESTED);
        let logs = find(nested, &format!("{NESTED}/InnerLogsAE1F2B39"));
        assert_eq!(logs.placement.region, Region::Known("us-east-1".into()));
        assert_eq!(
            logs.location.construct_path.as_deref(),
            Some("Parent/Inner/InnerLogs/Resource")
        );
        assert_eq!(targets(logs), [("kms_key_id", "Parent/ParentKeyE5E84EA2")]);
        let parent = stack(&models, "Parent");
        let uses = find(parent, "Parent/UsesInner");
        let queue = format!("{NESTED}/InnerQueueD31D29D2");
        assert_eq!(targets(uses), [("name", queue.as_str())]);
        assert_eq!(find(parent, &queue).mode, Mode::Managed);
    }

    fn nested_in(asset_path: &str) -> tempfile::TempDir {
        let parent = format!(
            "Resources:\n  Inner:\n    Type: AWS::CloudFormation::Stack\n    Metadata:\n      aws:asset:path: {asset_path}\n      aws:asset:property: TemplateURL\n    Properties:\n      TemplateURL: https://s3.amazonaws.com/b/k.json\n"
        );
        assembly(&[("Parent", "aws://111122223333/us-east-1", &parent)])
    }

    /// A nested template missing, or outside the assembly: one line naming
    /// the parent template and the logical ID.
    #[test]
    fn a_nested_template_not_in_the_assembly_is_an_input_error() {
        for (asset, says) in [
            ("Gone.nested.template.json", "is not in the cloud assembly"),
            (
                "../x.nested.template.json",
                "is outside the cloud assembly's folder",
            ),
        ] {
            let dir = nested_in(asset);
            let Err(e) = load_path(dir.path(), &LoadOptions::default()) else {
                panic!("{asset}: loaded");
            };
            let text = e.to_string();
            assert_eq!(text.lines().count(), 1, "{text}");
            assert!(text.contains("Parent.template.yaml"), "{text}");
            assert!(
                text.contains(&format!("Inner: nested stack template \"{asset}\" {says}")),
                "{text}"
            );
        }
    }

    /// Templates each naming the next twenty times, six deep, are 20^6
    /// nested stacks: the stack count stops them, one line naming the template.
    #[test]
    fn a_fan_of_nested_stacks_is_bounded() {
        let nested = |next: usize| {
            let mut text = String::from("Resources:\n  Q: {Type: AWS::SQS::Queue}\n");
            for i in 0..20 {
                text.push_str(&format!("  N{i}:\n    Type: AWS::CloudFormation::Stack\n    Metadata:\n      aws:asset:path: T{next}.yaml\n    Properties:\n      TemplateURL: x\n"));
            }
            text
        };
        let dir = assembly(&[("Parent", "aws://111122223333/us-east-1", &nested(1))]);
        for d in 1..7 {
            std::fs::write(dir.path().join(format!("T{d}.yaml")), nested(d + 1)).expect("write");
        }
        std::fs::write(
            dir.path().join("T7.yaml"),
            "Resources: {Q: {Type: AWS::SQS::Queue}}\n",
        )
        .expect("write");
        // 20^6 stacks would never finish: the stack budget stops it first.
        let Err(e) = load_path(dir.path(), &LoadOptions::default()) else {
            panic!("loaded");
        };
        let text = e.to_string();
        assert!(text.contains("more than 10000 stacks"), "{text}");
        assert_eq!(text.lines().count(), 1, "{text}");
    }

    /// Manifests naming one nested assembly folder under many artifact ids
    /// (100 at each of 7 levels): each folder is read once, its stacks once.
    #[test]
    fn a_fan_of_nested_assemblies_reads_each_folder_once() {
        let dir = tempfile::tempdir().expect("tmp");
        let fan = |next: &str| {
            let artifacts: Vec<String> = (0..100)
                .map(|i| {
                    format!(
                        r#""S{i}": {{"type": "cdk:cloud-assembly", "properties": {{"directoryName": "{next}"}}}}"#
                    )
                })
                .collect();
            format!(
                r#"{{"version": "48.0.0", "artifacts": {{{}}}}}"#,
                artifacts.join(",")
            )
        };
        let mut folder = dir.path().to_path_buf();
        std::fs::write(folder.join("manifest.json"), fan("d1")).expect("write");
        for d in 1..7 {
            folder = folder.join(format!("d{d}"));
            std::fs::create_dir(&folder).expect("mkdir");
            std::fs::write(folder.join("manifest.json"), fan(&format!("d{}", d + 1)))
                .expect("write");
        }
        folder = folder.join("d7");
        std::fs::create_dir(&folder).expect("mkdir");
        std::fs::write(
            folder.join("manifest.json"),
            r#"{"version": "48.0.0", "artifacts": {"App": {"type": "aws:cloudformation:stack",
                "environment": "aws://111122223333/us-east-1", "properties": {"templateFile": "App.template.json"}}}}"#,
        )
        .expect("write");
        std::fs::write(
            folder.join("App.template.json"),
            r#"{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}"#,
        )
        .expect("write");
        let models =
            load_path(dir.path(), &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        let addresses: Vec<&str> = models[0]
            .resources
            .iter()
            .map(|r| r.address.as_str())
            .collect();
        assert_eq!(addresses, ["App/Q"]);
    }

    /// A nested stack whose template is only at an S3 URL is said, not guessed.
    #[test]
    fn a_nested_stack_outside_the_assembly_is_noted() {
        let parent = "Resources:\n  Inner:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: https://s3.amazonaws.com/b/k.json\n";
        let dir = assembly(&[("Parent", "aws://111122223333/us-east-1", parent)]);
        let models =
            load_path(dir.path(), &LoadOptions::default()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(models.len(), 1);
        assert!(
            models[0]
                .notes
                .iter()
                .any(|n| n.ends_with("Inner: nested stack not read: its TemplateURL names no template inside the cloud assembly")),
            "{:?}",
            models[0].notes
        );
    }
}
