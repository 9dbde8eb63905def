//! `AWS::CloudFormation::StackSet` resources of a template (RULES.md, "Where
//! a stack's resources land", item 3): the stack set's template, inline
//! (`TemplateBody`) or a local file (`TemplateURL` as written before
//! `aws cloudformation package`), lowered once per region of its
//! `StackInstancesGroup[].Regions`, each stack instance addressed
//! `<StackSet>@<region>/<LogicalId>` and placed by a provider configuration
//! of that name, as a cloud assembly places its stacks (`assembly::one_app`).
//! The set's `Parameters` feed the instances' templates, evaluated in the
//! template holding the set; what cannot be read is said in a note, never guessed.

use super::assembly::{Confined, confined};
use super::eval::{Evaluator, Links, Reference, Shared};
use super::{CfnValue, Template, lower};
use crate::error::{Error, Result};
use crate::load::options::LoadOptions;
use crate::model::{Model, ProviderRef, Value};
use crate::text::read_text;
use std::path::Path;
use std::sync::Arc;

pub const STACK_SET: &str = "AWS::CloudFormation::StackSet";

/// The resources every stack set's instances may add to one model.
const MAX_RESOURCES: usize = 1_000_000;

/// Adds the stack instances of `template`'s stack sets to its `models` (one
/// per `--region`, in order, as `lower::lower` makes them); the notes go to
/// the first model, as the template's own do.
pub fn add_instances(
    path: &Path,
    template: &Template,
    models: &mut [Model],
    opts: &LoadOptions,
) -> Result<()> {
    if !template.resources.iter().any(|r| r.r#type == STACK_SET) {
        return Ok(());
    }
    let regions = &opts.template.regions;
    // What the instances call the holding stack: its file, as `lower` names it.
    let holder = path
        .file_stem()
        .map_or_else(|| "template".into(), |s| s.to_string_lossy());
    for (i, model) in models.iter_mut().enumerate() {
        let outer_region = regions.get(i).map(String::as_str);
        let pseudo = lower::pseudo_parameters(outer_region, None);
        let eval = Evaluator::new(template, &opts.template.parameters, &pseudo);
        let mut notes = Vec::new();
        for set in template.resources.iter().filter(|r| r.r#type == STACK_SET) {
            if let Some(cond) = &set.condition
                && eval.condition(cond) == Some(false)
            {
                continue;
            }
            let said = |what: String| format!("{}: {}: {what}", path.display(), set.logical_id);
            let inner = match set_template(path, set, &eval, opts) {
                Ok(inner) => inner,
                Err(why) => {
                    notes.push(said(why));
                    continue;
                }
            };
            let placed = instance_regions(set, &eval);
            if placed.regions.is_empty() && !placed.unknown {
                notes.push(said(
                    "stack set with no StackInstancesGroup regions: its template is deployed nowhere and not checked".into(),
                ));
                continue;
            }
            if placed.unknown {
                notes.push(said(
                    "a region of the stack set's StackInstancesGroup is not known: its instances there are checked in an unknown region".into(),
                ));
            }
            let mut instances: Vec<(String, Option<Value>)> = placed
                .regions
                .into_iter()
                .enumerate()
                .map(|(n, region)| {
                    // A region from a NoEcho parameter: placed, but never in an address.
                    let name = match &region {
                        Value::Sensitive(_) => format!("{}@instance{}", set.logical_id, n + 1),
                        other => {
                            format!("{}@{}", set.logical_id, other.as_str().unwrap_or_default())
                        }
                    };
                    (name, Some(region))
                })
                .collect();
            if placed.unknown {
                instances.push((set.logical_id.clone(), None));
            }
            for (name, region) in instances {
                // Sets × regions × resources: bounded like module instances on the HCL side.
                if model.resources.len() + inner.template.resources.len() > MAX_RESOURCES {
                    return Err(Error::input(
                        path,
                        format!(
                            "{}: stack set instances holding more than {MAX_RESOURCES} resources",
                            set.logical_id
                        ),
                    ));
                }
                let links = passed_parameters(set, &eval, &name, outer_region, &holder);
                let mut instance = lower::lower_instance(
                    &inner.path,
                    &inner.template,
                    &name,
                    region,
                    format!("the StackInstancesGroup of stack set {}", set.logical_id),
                    &links,
                )?;
                if inner.inline {
                    // Lines inside the body are no lines of the file: the set's is.
                    for res in &mut instance.resources {
                        res.location.line = Some(set.line);
                    }
                }
                merge(model, instance, &name, &mut notes);
            }
            if eval.exhausted() {
                return Err(lower::too_large(path, &set.logical_id));
            }
        }
        if i == 0 {
            for note in notes {
                if !model.notes.contains(&note) {
                    model.notes.push(note);
                }
            }
        }
        let blank = Model::new(model.kind, model.source.clone());
        *model = std::mem::replace(model, blank).finish();
    }
    Ok(())
}

/// The stack set's template and where it was read.
struct SetTemplate {
    template: Template,
    /// The file its resources' locations name.
    path: std::path::PathBuf,
    /// From `TemplateBody`: its lines are not the file's.
    inline: bool,
}

/// The template a stack set deploys, or why it is not read.
fn set_template(
    path: &Path,
    set: &super::Resource,
    eval: &Evaluator,
    opts: &LoadOptions,
) -> std::result::Result<SetTemplate, String> {
    if let Some(body) = set.property("TemplateBody") {
        let text = match body {
            // Written as an object: its intrinsics are the inner template's, not evaluated here.
            CfnValue::Map(_) => serde_json::to_string(&to_json(body)).unwrap_or_default(),
            written => match eval.evaluate(written).value {
                Value::String(text) => text,
                _ => {
                    return Err(
                        "the stack set's TemplateBody is not known before deploy: its template is not checked".into(),
                    );
                }
            },
        };
        let template = super::parse(path, &text)
            .map_err(|e| format!("the stack set's TemplateBody is not read: {e}"))?;
        return Ok(SetTemplate {
            template,
            path: path.to_path_buf(),
            inline: true,
        });
    }
    let Some(url) = set.property("TemplateURL") else {
        return Err("a stack set with neither TemplateBody nor TemplateURL".into());
    };
    let url = match eval.evaluate(url).value {
        Value::String(url) => url,
        _ => {
            return Err(
                "the stack set's TemplateURL is not known before deploy: its template is not checked".into(),
            );
        }
    };
    if url.contains("://") {
        return Err(format!(
            "the stack set's template {url} is not read (tfward reads no S3 or web addresses): give that template with the set's regions as --region to check it"
        ));
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if path == Path::new("<stdin>") {
        return Err(format!(
            "the stack set's template {url:?} is not read: a template from standard input names no folder"
        ));
    }
    let root = dir
        .canonicalize()
        .map_err(|e| format!("the stack set's template {url:?} is not read: {e}"))?;
    let file = confined(&root, dir, &url).map_err(|e| match e {
        Confined::Outside => format!(
            "the stack set's template {url:?} is not read: it is outside the template's folder"
        ),
        Confined::Missing(..) => {
            format!("the stack set's template {url:?} is not read: there is no such file")
        }
    })?;
    let text = read_text(&file, opts.limits.file())
        .map_err(|e| format!("the stack set's template is not read: {e}"))?;
    let template = super::parse(&file, &text)
        .map_err(|e| format!("the stack set's template is not read: {e}"))?;
    Ok(SetTemplate {
        template,
        path: file,
        inline: false,
    })
}

/// The regions a stack set's instances are in.
struct Placed {
    /// Each once, in the order written; marked where the value is.
    regions: Vec<Value>,
    /// Some region is not known before deploy.
    unknown: bool,
}

fn instance_regions(set: &super::Resource, eval: &Evaluator) -> Placed {
    let mut placed = Placed {
        regions: Vec::new(),
        unknown: false,
    };
    let Some(groups) = set.property("StackInstancesGroup") else {
        return placed;
    };
    let groups = eval.evaluate(groups).value;
    let Some(groups) = groups.as_list() else {
        placed.unknown = !groups.is_null();
        return placed;
    };
    for group in groups {
        let regions = group.get("Regions");
        let Some(list) = regions.and_then(Value::as_list) else {
            placed.unknown |= regions.is_some_and(|r| !r.is_null()) || group.as_map().is_none();
            continue;
        };
        // A list inside a marked value is marked as a whole.
        let marked = regions.is_some_and(|r| matches!(r, Value::Sensitive(_)));
        for region in list {
            match region.as_str() {
                Some(text) if !text.is_empty() => {
                    let value = if marked || matches!(region, Value::Sensitive(_)) {
                        Value::Sensitive(Box::new(Value::String(text.to_string())))
                    } else {
                        Value::String(text.to_string())
                    };
                    if !placed.regions.contains(&value) {
                        placed.regions.push(value);
                    }
                }
                _ => placed.unknown = true,
            }
        }
    }
    placed
}

/// The set's `Parameters: [{ParameterKey, ParameterValue}]`, evaluated in
/// the template holding it, as the instance `name` reads them.
fn passed_parameters(
    set: &super::Resource,
    eval: &Evaluator,
    name: &str,
    outer_region: Option<&str>,
    holder: &str,
) -> Links {
    let mut links = Links::default();
    let Some(CfnValue::List(entries)) = set.property("Parameters") else {
        return links;
    };
    for entry in entries.iter().filter_map(CfnValue::as_map) {
        let Some(key) = entry.get("ParameterKey").and_then(CfnValue::as_str) else {
            continue;
        };
        let Some(written) = entry.get("ParameterValue") else {
            continue;
        };
        let Some(evaluated) = eval.evaluate_member(written) else {
            continue;
        };
        let shared = Shared {
            value: evaluated.value,
            // The holding template's resources: addressed by their logical IDs.
            references: evaluated
                .references
                .into_iter()
                .map(|r| Reference {
                    stack: Some(String::new()),
                    ..r
                })
                .collect(),
            region: outer_region.map(str::to_string),
            // Instances are in the set's regions (and accounts), not the holder's.
            from: holder.to_string(),
            elsewhere: true,
        };
        links
            .parameters
            .insert((name.to_string(), key.to_string()), shared);
    }
    links
}

/// An instance's model merged into the holding template's: its resources
/// use the provider configuration `aws.<name>`.
fn merge(model: &mut Model, instance: Model, name: &str, notes: &mut Vec<String>) {
    let provider = Arc::new(ProviderRef {
        name: "aws".to_string(),
        alias: Some(name.to_string()),
        scope: Arc::from([]),
        origin: format!("the stack instance {name}"),
    });
    for mut config in instance.providers {
        config.alias = Some(name.to_string());
        model.providers.push(config);
    }
    model
        .resources
        .extend(instance.resources.into_iter().map(|mut res| {
            res.provider = provider.clone();
            res
        }));
    for note in instance.notes {
        if !notes.contains(&note) {
            notes.push(note);
        }
    }
    model.suppressions.extend(instance.suppressions);
}

/// A template value as JSON: each intrinsic in its long form.
fn to_json(value: &CfnValue) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        CfnValue::Null => J::Null,
        CfnValue::Bool(b) => J::Bool(*b),
        CfnValue::Number(n) => serde_json::Number::from_f64(*n).map_or(J::Null, J::Number),
        CfnValue::String(s) => J::String(s.clone()),
        CfnValue::List(items) => J::Array(items.iter().map(to_json).collect()),
        CfnValue::Map(map) => J::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), to_json(v)))
                .collect::<serde_json::Map<_, _>>(),
        ),
        CfnValue::Intrinsic { name, arg } => {
            J::Object(std::iter::once((name.clone(), to_json(arg))).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::load::{LoadOptions, load_path};
    use crate::model::{Model, Region, Resource, Value};

    fn load(files: &[(&str, &str)], opts: &LoadOptions) -> Vec<Model> {
        let dir = tempfile::tempdir().expect("tmp");
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
            std::fs::write(path, text).expect("write");
        }
        load_path(&dir.path().join(files[0].0), opts).unwrap_or_else(|e| panic!("{e}"))
    }

    fn find<'m>(model: &'m Model, address: &str) -> &'m Resource {
        let all: Vec<&str> = model.resources.iter().map(|r| r.address.as_str()).collect();
        model
            .resources
            .iter()
            .find(|r| r.address == address)
            .unwrap_or_else(|| panic!("no {address} in {all:?}"))
    }

    fn addresses(model: &Model) -> Vec<(&str, String)> {
        model
            .resources
            .iter()
            .map(|r| (r.address.as_str(), r.placement.region_text().to_string()))
            .collect()
    }

    fn noted<'m>(model: &'m Model, says: &str) -> &'m str {
        model
            .notes
            .iter()
            .find(|n| n.contains(says))
            .unwrap_or_else(|| panic!("no note `{says}` in {:?}", model.notes))
    }

    const HOLDER: &str = "\
Parameters:
  Regions: {Type: CommaDelimitedList, Default: 'us-east-1,eu-west-1'}
  Retention: {Type: Number, Default: 90}
Resources:
  Key: {Type: AWS::KMS::Key, Properties: {EnableKeyRotation: true}}
  Set:
    Type: AWS::CloudFormation::StackSet
    Properties:
      TemplateURL: inner/logs.yaml
      Parameters:
        - {ParameterKey: Days, ParameterValue: !Ref Retention}
        - {ParameterKey: KeyArn, ParameterValue: !GetAtt Key.Arn}
      StackInstancesGroup:
        - Regions: !Ref Regions
";
    const INNER: &str = "\
Parameters:
  Days: {Type: Number, Default: 7}
  KeyArn: {Type: String}
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      RetentionInDays: !Ref Days
      KmsKeyId: !Ref KeyArn
";

    /// The set's template read from its local TemplateURL, once per region,
    /// with what the set passes: values evaluated in the holding template,
    /// references to its resources by their logical IDs. The set's own type
    /// is not listed as unchecked.
    #[test]
    fn a_stack_set_places_its_template_in_each_region() {
        let models = load(
            &[("template.yaml", HOLDER), ("inner/logs.yaml", INNER)],
            &LoadOptions::default(),
        );
        assert_eq!(models.len(), 1);
        let model = &models[0];
        assert_eq!(
            addresses(model),
            [
                ("Key", "unknown".to_string()),
                ("Set@eu-west-1/Logs", "eu-west-1".to_string()),
                ("Set@us-east-1/Logs", "us-east-1".to_string()),
            ]
        );
        let logs = find(model, "Set@us-east-1/Logs");
        assert_eq!(logs.attr("retention_in_days"), Some(&Value::Number(90.0)));
        assert!(logs.location.file.ends_with("inner/logs.yaml"));
        assert_eq!(logs.location.line, Some(5));
        let targets: Vec<(&str, &str)> = logs
            .refs
            .iter()
            .map(|r| (r.attr.as_str(), r.target.as_str()))
            .collect();
        assert_eq!(targets, [("kms_key_id", "Key")]);
        assert!(
            model.notes.iter().all(|n| !n.contains("StackSet")),
            "{:?}",
            model.notes
        );
        // A parameter given on the command line chooses the regions.
        let mut opts = LoadOptions::default();
        opts.template
            .parameters
            .insert("Regions".into(), "ap-south-1".into());
        let models = load(
            &[("template.yaml", HOLDER), ("inner/logs.yaml", INNER)],
            &opts,
        );
        let placed: Vec<_> = addresses(&models[0]).into_iter().skip(1).collect();
        assert_eq!(placed, [("Set@ap-south-1/Logs", "ap-south-1".to_string())]);
    }

    /// `TemplateBody` as an object (its intrinsics the inner template's) or
    /// as JSON or YAML text: each placed at the set's line; a NoEcho
    /// parameter of the inner template stays marked.
    #[test]
    fn inline_template_bodies() {
        let object = "\
Resources:
  Set:
    Type: AWS::CloudFormation::StackSet
    Properties:
      Parameters: [{ParameterKey: Name, ParameterValue: secret-name}]
      TemplateBody:
        Parameters:
          Name: {Type: String, NoEcho: true}
        Resources:
          Queue:
            Type: AWS::SQS::Queue
            Properties: {QueueName: !Ref Name}
      StackInstancesGroup: [{Regions: [eu-north-1]}]
";
        let models = load(&[("t.yaml", object)], &LoadOptions::default());
        let queue = find(&models[0], "Set@eu-north-1/Queue");
        assert_eq!(queue.location.line, Some(2));
        assert!(
            matches!(queue.attr("name"), Some(Value::Sensitive(_))),
            "{:?}",
            queue.attr("name")
        );
        let text = "\
Resources:
  Set:
    Type: AWS::CloudFormation::StackSet
    Properties:
      TemplateBody: '{\"Resources\": {\"Queue\": {\"Type\": \"AWS::SQS::Queue\"}}}'
      StackInstancesGroup: [{Regions: [eu-north-1, eu-north-1]}]
";
        let models = load(&[("t.yaml", text)], &LoadOptions::default());
        assert_eq!(
            addresses(&models[0]),
            [("Set@eu-north-1/Queue", "eu-north-1".to_string())]
        );
    }

    /// A region from a NoEcho parameter places the instance, but is no
    /// `AWS::Region` its template may write into a value shown unmarked.
    #[test]
    fn a_no_echo_region_is_not_the_instances_aws_region() {
        let text = "\
Parameters:
  Where: {Type: String, NoEcho: true, Default: ap-southeast-4}
Resources:
  Set:
    Type: AWS::CloudFormation::StackSet
    Properties:
      TemplateBody:
        Resources:
          Queue:
            Type: AWS::SQS::Queue
            Properties: {QueueName: !Sub 'q-${AWS::Region}'}
      StackInstancesGroup: [{Regions: [!Ref Where]}]
";
        let models = load(&[("t.yaml", text)], &LoadOptions::default());
        let queue = find(&models[0], "Set@instance1/Queue");
        let name = queue.attr("name").expect("name");
        assert!(
            matches!(name, Value::Sensitive(_)) || !format!("{name:?}").contains("ap-southeast-4"),
            "{name:?}"
        );
        assert_eq!(
            queue.placement.region,
            Region::Known("ap-southeast-4".into())
        );
        assert!(queue.placement.sensitive);
    }

    /// `${AWS::Region}` / `${AWS::AccountId}` in what the set passes are the
    /// holding stack's, not the instance's: with both regions unknown, a copy
    /// to such an ARN is no evidence of a same-region copy. Written in the
    /// instance's own template, it is.
    #[test]
    fn the_holders_own_region_is_not_the_instances() {
        let set = |passed: &str, copy_to: &str| {
            format!(
                "\
Parameters:
  Where: {{Type: 'AWS::SSM::Parameter::Value<String>', Default: /org/region}}
Resources:
  Set:
    Type: AWS::CloudFormation::StackSet
    Properties:
      Parameters:
        - ParameterKey: DestArn
          ParameterValue: {passed}
      TemplateBody:
        Parameters:
          DestArn: {{Type: String}}
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
                    CopyActions: [{{DestinationBackupVaultArn: {copy_to}}}]
      StackInstancesGroup: [{{Regions: [!Ref Where]}}]
"
            )
        };
        const OWN: &str =
            "!Sub 'arn:${AWS::Partition}:backup:${AWS::Region}:${AWS::AccountId}:backup-vault:dr'";
        let fired = |text: &str| {
            let models = load(&[("t.yaml", text)], &LoadOptions::default());
            let policy = crate::policy::Policy::default();
            let rules: Vec<_> = crate::rules::all(&policy)
                .into_iter()
                .filter(|r| r.meta.id == "backup-copy-same-region")
                .collect();
            let findings = crate::rules::run(&models[0], &policy, &rules);
            findings.len()
        };
        assert_eq!(fired(&set(OWN, "!Ref DestArn")), 0);
        assert_eq!(fired(&set("x", OWN)), 1);
    }

    /// What cannot be read is a note, never a guess: an S3 template, a path
    /// leaving the folder, a body that is no template, a set with no
    /// instances; a region not known places an instance in an unknown region.
    #[test]
    fn what_is_not_read_is_said() {
        let set = |properties: &str| {
            format!(
                "Parameters:\n  Where: {{Type: 'AWS::SSM::Parameter::Value<String>', Default: /org/region}}\nResources:\n  Set:\n    Type: AWS::CloudFormation::StackSet\n    Properties:\n{properties}"
            )
        };
        let regions = "      StackInstancesGroup: [{Regions: [us-east-1]}]\n";
        for (properties, says) in [
            (
                format!("      TemplateURL: https://s3.amazonaws.com/b/t.yaml\n{regions}"),
                "Set: the stack set's template https://s3.amazonaws.com/b/t.yaml is not read",
            ),
            (
                format!("      TemplateURL: ../t.yaml\n{regions}"),
                "is outside the template's folder",
            ),
            (
                format!("      TemplateURL: gone.yaml\n{regions}"),
                "there is no such file",
            ),
            (
                format!("      TemplateBody: 'not: [a template'\n{regions}"),
                "the stack set's TemplateBody is not read",
            ),
            (
                format!("      Description: x\n{regions}"),
                "neither TemplateBody nor TemplateURL",
            ),
            (
                "      TemplateBody: '{\"AWSTemplateFormatVersion\": \"2010-09-09\"}'\n"
                    .to_string(),
                "no StackInstancesGroup regions",
            ),
        ] {
            let models = load(&[("t.yaml", &set(&properties))], &LoadOptions::default());
            noted(&models[0], says);
            assert!(models[0].resources.is_empty(), "{says}");
        }
        let unknown = "      TemplateBody: '{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}}}'\n      StackInstancesGroup: [{Regions: [us-east-1, !Ref Where]}]\n";
        let models = load(&[("t.yaml", &set(unknown))], &LoadOptions::default());
        noted(&models[0], "is not known");
        assert_eq!(
            addresses(&models[0]),
            [
                ("Set/Q", "unknown".to_string()),
                ("Set@us-east-1/Q", "us-east-1".to_string())
            ]
        );
        assert_eq!(find(&models[0], "Set/Q").placement.region, Region::Unknown);
    }

    /// With several `--region`s, each model of the holding template holds the
    /// set's instances (it deploys them wherever it is deployed); notes once.
    #[test]
    fn every_region_of_the_holder_holds_the_instances() {
        let mut opts = LoadOptions::default();
        opts.template.regions = vec!["us-east-1".into(), "eu-west-1".into()];
        let text = "\
Resources:
  Set:
    Type: AWS::CloudFormation::StackSet
    Properties:
      TemplateBody: '{\"Resources\": {\"Q\": {\"Type\": \"AWS::SQS::Queue\"}, \"T\": {\"Type\": \"AWS::Made::Up\"}}}'
      StackInstancesGroup: [{Regions: [!Ref 'AWS::Region']}]
";
        let models = load(&[("t.yaml", text)], &opts);
        let placed: Vec<_> = models.iter().map(addresses).collect();
        assert_eq!(
            placed,
            [
                vec![("Set@us-east-1/Q", "us-east-1".to_string())],
                vec![("Set@eu-west-1/Q", "eu-west-1".to_string())]
            ]
        );
        noted(&models[0], "AWS::Made::Up");
        assert!(models[1].notes.is_empty(), "{:?}", models[1].notes);
    }
}
