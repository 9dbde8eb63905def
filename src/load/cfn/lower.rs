//! A template lowered into the one model (docs/architecture.md, "Decisions"):
//! each resource of a type in `table.rs` becomes the `Resource` rules read,
//! with the Terraform type and attributes, the references its intrinsics make
//! (`Ref`, `Fn::GetAtt`, `Fn::Sub`) and its CloudFormation type and property
//! paths kept as its `Origin`. The stack's region is a provider configuration
//! `aws` that every resource uses, as in a Terraform root module, so the one
//! resolver places it: the `--region` given, else unknown.

use super::eval::{Evaluated, Evaluator};
use super::table::{self, Convert, Row};
use super::{CfnValue, Template};
use crate::load::options::TemplateOptions;
use crate::model::value::{Key, Map, map_from_entries};
use crate::model::{
    InputKind, Location, Mode, Model, Origin, ProviderConfig, ProviderRef, Reference, Resource,
    Value,
};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// The models of one template: one per `--region`, or one whose region is unknown.
pub fn lower(path: &Path, template: &Template, opts: &TemplateOptions) -> Vec<Model> {
    let by_itself = |region: Option<&str>| {
        let stem = path
            .file_stem()
            .map_or_else(|| "template".into(), |s| s.to_string_lossy());
        Place {
            region: region.map(str::to_string),
            account: None,
            stack: region.map(|r| format!("{stem}@{r}")),
            region_origin: match region {
                Some(_) => "--region".to_string(),
                None => {
                    "the stack's region: give --region to check the template in one".to_string()
                }
            },
            prefix: String::new(),
        }
    };
    if opts.regions.is_empty() {
        return vec![lower_in(path, template, &opts.parameters, &by_itself(None))];
    }
    let mut models: Vec<Model> = opts
        .regions
        .iter()
        .map(|r| lower_in(path, template, &opts.parameters, &by_itself(Some(r))))
        .collect();
    // The template's notes, said once.
    for later in models.iter_mut().skip(1) {
        later.notes.clear();
    }
    models
}

/// A stack of a cloud assembly: what its manifest says of it.
pub struct Stack<'a> {
    /// The artifact id: the model's stack, and `<name>/` before each logical ID.
    pub name: &'a str,
    /// `aws://ACCOUNT/REGION` as written.
    pub environment: &'a str,
    /// `None` for `unknown-region`.
    pub region: Option<&'a str>,
    /// `None` for `unknown-account`.
    pub account: Option<&'a str>,
}

/// The model of one stack of a cloud assembly, placed in its environment's region.
pub fn lower_stack(
    path: &Path,
    template: &Template,
    parameters: &BTreeMap<String, String>,
    stack: &Stack,
) -> Model {
    let place = Place {
        region: stack.region.map(str::to_string),
        account: stack.account.map(str::to_string),
        stack: Some(stack.name.to_string()),
        region_origin: format!("the stack's environment {}", stack.environment),
        prefix: format!("{}/", stack.name),
    };
    lower_in(path, template, parameters, &place)
}

/// Where a template's resources are deployed and how their addresses read.
struct Place {
    /// `None`: unknown.
    region: Option<String>,
    account: Option<String>,
    stack: Option<String>,
    /// Said where the region is shown.
    region_origin: String,
    /// Before each logical ID in addresses and references (`Primary/`).
    prefix: String,
}

fn lower_in(
    path: &Path,
    template: &Template,
    parameters: &BTreeMap<String, String>,
    place: &Place,
) -> Model {
    let region = place.region.as_deref();
    let pseudo = pseudo_parameters(region, place.account.as_deref());
    let eval = Evaluator::new(template, parameters, &pseudo);
    let mut model = Model::new(InputKind::CloudFormation, path.to_path_buf());
    let file = Location {
        file: path.to_path_buf(),
        ..Location::default()
    };
    model.stack = place.stack.clone();
    model.account = place.account.clone();
    model.providers.push(ProviderConfig {
        scope: Vec::new(),
        name: "aws".to_string(),
        alias: None,
        source: None,
        region: Some(region.map_or(Value::Unknown, |r| Value::String(r.to_string()))),
        region_origin: place.region_origin.clone(),
        is_block: true,
        default_tags: Value::Null,
        unexpanded_instances: false,
        account_hint: None,
        location: Some(file.clone()),
    });
    let provider = Arc::new(ProviderRef {
        name: "aws".to_string(),
        alias: None,
        scope: Arc::from([]),
        origin: "implied default: the stack's region".to_string(),
    });
    let unread: Vec<&str> = template
        .resources
        .iter()
        .filter(|r| table::row(&r.r#type).is_none())
        .map(|r| r.r#type.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if !unread.is_empty() {
        model.notes.push(format!(
            "{}: resource types not checked yet: {}",
            path.display(),
            unread.join(", ")
        ));
    }
    for res in &template.resources {
        let Some(row) = table::row(&res.r#type) else {
            continue;
        };
        // A resource whose condition is false is not created; an undecided one may be.
        if let Some(cond) = &res.condition
            && eval.condition(cond) == Some(false)
        {
            continue;
        }
        model.resources.push(lower_resource(
            &eval,
            res,
            row,
            path,
            &provider,
            &place.prefix,
        ));
    }
    model.finish()
}

/// `AWS::Region` and what follows from it, and `AWS::AccountId` when a cloud
/// assembly names it; the stack's name and ID stay unknown.
fn pseudo_parameters(region: Option<&str>, account: Option<&str>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    if let Some(account) = account {
        out.insert("AWS::AccountId".to_string(), account.to_string());
    }
    if let Some(region) = region {
        let (partition, suffix) = if region.starts_with("cn-") {
            ("aws-cn", "amazonaws.com.cn")
        } else if region.starts_with("us-gov-") {
            ("aws-us-gov", "amazonaws.com")
        } else {
            ("aws", "amazonaws.com")
        };
        out.insert("AWS::Region".to_string(), region.to_string());
        out.insert("AWS::Partition".to_string(), partition.to_string());
        out.insert("AWS::URLSuffix".to_string(), suffix.to_string());
    }
    out
}

fn lower_resource(
    eval: &Evaluator,
    res: &super::Resource,
    row: &Row,
    path: &Path,
    provider: &Arc<ProviderRef>,
    prefix: &str,
) -> Resource {
    let mut attrs: Vec<(Key, Value)> = Vec::new();
    let mut refs: Vec<Reference> = Vec::new();
    let mut properties: Vec<(String, String)> = Vec::new();
    let chosen = chosen_properties(eval, &res.properties);
    for prop in row.properties {
        let (top, rest) = prop.path.split_once('.').unwrap_or((prop.path, ""));
        let value = match &chosen {
            Chosen::Map(map) => map.get(top).map(|written| eval.evaluate(written)),
            // `Properties: !If [...]` undecided: a property either branch sets may be set.
            Chosen::Undecided(maps) => {
                let written: Vec<&CfnValue> = maps.iter().filter_map(|m| m.get(top)).collect();
                (!written.is_empty()).then(|| Evaluated {
                    value: Value::Unknown,
                    references: written
                        .iter()
                        .flat_map(|w| eval.evaluate(w).references)
                        .collect(),
                })
            }
        };
        let Some(Evaluated { value, references }) = value else {
            continue;
        };
        let Some(value) = walk(value, rest) else {
            continue;
        };
        properties.push((prop.attr.to_string(), format!("Properties.{}", prop.path)));
        refs.extend(references.into_iter().map(|r| Reference {
            attr: prop.attr.to_string(),
            target: format!("{prefix}{}", r.logical_id),
            target_attr: Some(r.attribute.as_deref().map_or("id".to_string(), snake_case)),
        }));
        attrs.push((Key::from(prop.attr), convert(value, prop.convert)));
    }
    refs.sort();
    refs.dedup();
    let construct_path = res
        .metadata
        .as_ref()
        .and_then(CfnValue::as_map)
        .and_then(|m| m.get("aws:cdk:path"))
        .and_then(CfnValue::as_str)
        .map(str::to_string);
    Resource {
        address: format!("{prefix}{}", res.logical_id),
        mode: Mode::Managed,
        r#type: row.terraform.to_string(),
        name: res.logical_id.clone(),
        module: String::new(),
        module_path: Arc::from([]),
        index: None,
        provider: provider.clone(),
        attrs: map_from_entries(attrs),
        refs,
        depends_on: res
            .depends_on
            .iter()
            .map(|d| format!("{prefix}{d}"))
            .collect(),
        derived_attrs: Arc::from([]),
        location: Location {
            file: path.to_path_buf(),
            line: Some(res.line),
            column: None,
            construct_path,
            end_line: None,
        },
        actions: Vec::new(),
        placement: Default::default(),
        origin: Some(Arc::new(Origin {
            r#type: res.r#type.clone(),
            properties,
        })),
    }
}

enum Chosen<'t> {
    Map(&'t BTreeMap<String, CfnValue>),
    Undecided(Vec<&'t BTreeMap<String, CfnValue>>),
}

/// `Properties`: a mapping, or the mapping an `Fn::If` chooses.
fn chosen_properties<'t>(eval: &Evaluator, properties: &'t CfnValue) -> Chosen<'t> {
    static EMPTY: std::sync::LazyLock<BTreeMap<String, CfnValue>> =
        std::sync::LazyLock::new(BTreeMap::new);
    match properties {
        CfnValue::Map(map) => Chosen::Map(map),
        CfnValue::Intrinsic { name, arg } if name == "Fn::If" => {
            let CfnValue::List(args) = arg.as_ref() else {
                return Chosen::Map(&EMPTY);
            };
            let [cond, yes, no] = args.as_slice() else {
                return Chosen::Map(&EMPTY);
            };
            let branch = |v: &'t CfnValue| v.as_map().unwrap_or(&EMPTY);
            match eval.condition(cond.as_str().unwrap_or_default()) {
                Some(true) => Chosen::Map(branch(yes)),
                Some(false) => Chosen::Map(branch(no)),
                None => Chosen::Undecided(vec![branch(yes), branch(no)]),
            }
        }
        _ => Chosen::Map(&EMPTY),
    }
}

/// The value at a dot-separated path below an evaluated property; an unknown
/// value stands for everything below it.
fn walk(value: Value, path: &str) -> Option<Value> {
    let mut value = value;
    for seg in path.split('.').filter(|s| !s.is_empty()) {
        value = match value {
            Value::Unknown => return Some(Value::Unknown),
            Value::Map(mut map) => map.remove(seg)?,
            _ => return None,
        };
    }
    Some(value)
}

/// `Arn` → `arn`, `KeyId` → `key_id`: a `Fn::GetAtt` attribute as Terraform names it.
fn snake_case(attr: &str) -> String {
    let mut out = String::new();
    for (i, c) in attr.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 && !out.ends_with('_') && !out.ends_with('.') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

fn convert(value: Value, how: Convert) -> Value {
    match how {
        Convert::AsIs => value,
        Convert::Bool => match value.unmarked() {
            Value::String(s) if s.eq_ignore_ascii_case("true") => rewrap(&value, Value::Bool(true)),
            Value::String(s) if s.eq_ignore_ascii_case("false") => {
                rewrap(&value, Value::Bool(false))
            }
            _ => value,
        },
        Convert::PolicyJson => policy_json(value),
        Convert::Tags => tags(value),
        Convert::InlinePolicies => inline_policies(value),
    }
}

/// `inner` with the sensitive mark `like` has.
fn rewrap(like: &Value, inner: Value) -> Value {
    if matches!(like, Value::Sensitive(_)) {
        Value::Sensitive(Box::new(inner))
    } else {
        inner
    }
}

/// A policy document object as JSON text: parts known only at deploy time
/// keep their `${...}` text (a partial text), wholly unknown parts are
/// `"${unknown}"`, as `jsonencode` writes a document with references.
fn policy_json(value: Value) -> Value {
    match value.unmarked() {
        Value::Map(_) | Value::List(_) => {
            let text = value.to_partial_json().to_string();
            let text = if value.is_known() {
                Value::String(text)
            } else {
                Value::Partial(text)
            };
            if value.has_sensitive() {
                Value::Sensitive(Box::new(text))
            } else {
                text
            }
        }
        _ => value,
    }
}

/// `[{Key, Value}]` as a map; an entry whose key is not known is left out.
fn tags(value: Value) -> Value {
    let Some(items) = value.as_list() else {
        return value;
    };
    let entries: Vec<(Key, Value)> = items
        .iter()
        .filter_map(|item| {
            let key = item.get("Key")?.as_str()?;
            Some((Key::from(key), item.get("Value")?.clone()))
        })
        .collect();
    rewrap(&value, Value::Map(map_from_entries(entries)))
}

/// `[{PolicyName, PolicyDocument}]` as `inline_policy` blocks.
fn inline_policies(value: Value) -> Value {
    let Some(items) = value.as_list() else {
        return value;
    };
    let blocks = items
        .iter()
        .map(|item| {
            let mut block: Map = Map::new();
            if let Some(name) = item.get("PolicyName") {
                block.insert(Key::from("name"), name.clone());
            }
            if let Some(doc) = item.get("PolicyDocument") {
                block.insert(Key::from("policy"), policy_json(doc.clone()));
            }
            Value::Map(block)
        })
        .collect();
    rewrap(&value, Value::List(blocks))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::LoadOptions;
    use crate::model::Region;

    fn models(text: &str, regions: &[&str]) -> Vec<Model> {
        let path = Path::new("stack.yaml");
        let template = super::super::parse(path, text).unwrap_or_else(|e| panic!("{e}"));
        let opts = TemplateOptions {
            regions: regions.iter().map(|r| r.to_string()).collect(),
            parameters: BTreeMap::new(),
        };
        let mut models = lower(path, &template, &opts);
        models.iter_mut().for_each(crate::region::place_all);
        models
    }

    fn find<'m>(model: &'m Model, address: &str) -> &'m Resource {
        model
            .resources
            .iter()
            .find(|r| r.address == address)
            .unwrap_or_else(|| panic!("no {address}"))
    }

    const KEY_AND_LOGS: &str = "\
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: 'false'
      KeyPolicy:
        Statement:
          - Effect: Allow
            Principal: {AWS: !Sub 'arn:aws:iam::${AWS::AccountId}:root'}
            Action: kms:*
            Resource: '*'
  Logs:
    Type: AWS::Logs::LogGroup
    Metadata:
      aws:cdk:path: App/Logs/Resource
    Properties:
      KmsKeyId: !GetAtt Key.Arn
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Statement: []}
  Bucket:
    Type: AWS::S3::Bucket
";

    /// A log group's `KmsKeyId: !GetAtt Key.Arn` is the reference HCL's
    /// `kms_key_id = aws_kms_key.k.arn` makes, to the logical ID.
    #[test]
    fn references_have_the_shape_of_hcl_ones() {
        let hcl = crate::load::config::module_dir::load_single_hcl_file(
            Path::new("main.tf"),
            "resource \"aws_kms_key\" \"k\" {}\nresource \"aws_cloudwatch_log_group\" \"l\" {\n  kms_key_id = aws_kms_key.k.arn\n}\n",
            &LoadOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let from_hcl = &find(&hcl, "aws_cloudwatch_log_group.l").refs[0];
        let cfn = models(KEY_AND_LOGS, &["us-east-1"]);
        let logs = find(&cfn[0], "Logs");
        assert_eq!(
            logs.refs,
            [Reference {
                target: "Key".to_string(),
                ..from_hcl.clone()
            }]
        );
        assert_eq!(
            logs.attr("kms_key_id"),
            find(&hcl, "aws_cloudwatch_log_group.l").attr("kms_key_id")
        );
    }

    #[test]
    fn resources_keep_their_origin_and_place() {
        let cfn = models(KEY_AND_LOGS, &[]);
        assert_eq!(cfn.len(), 1);
        assert_eq!(cfn[0].stack, None);
        assert_eq!(
            cfn[0].notes,
            ["stack.yaml: resource types not checked yet: AWS::S3::Bucket"]
        );
        let key = find(&cfn[0], "Key");
        assert_eq!(key.r#type, "aws_kms_key");
        assert_eq!(key.shown_type(), "AWS::KMS::Key");
        assert_eq!(key.location.line, Some(2));
        assert_eq!(key.placement.region, Region::Unknown);
        assert_eq!(key.attr("enable_key_rotation"), Some(&Value::Bool(false)));
        let origin = key.origin.as_deref().expect("origin");
        assert_eq!(
            origin.properties,
            [
                (
                    "enable_key_rotation".to_string(),
                    "Properties.EnableKeyRotation".to_string()
                ),
                ("policy".to_string(), "Properties.KeyPolicy".to_string()),
            ]
        );
        // The policy as JSON text the IAM reader reads, its account part kept as written.
        let policy = key.attr("policy").expect("policy");
        assert!(matches!(policy, Value::Partial(_)), "{policy:?}");
        let doc = crate::iam::from_value(policy).expect("a policy document");
        assert_eq!(doc.statements.len(), 1);
        let logs = find(&cfn[0], "Logs");
        assert_eq!(
            logs.location.construct_path.as_deref(),
            Some("App/Logs/Resource")
        );
        assert_eq!(find(&cfn[0], "Role").placement.region, Region::Global);
    }

    #[test]
    fn one_model_per_region() {
        let cfn = models(KEY_AND_LOGS, &["us-east-1", "eu-west-1"]);
        let stacks: Vec<_> = cfn.iter().map(|m| m.stack.as_deref()).collect();
        assert_eq!(stacks, [Some("stack@us-east-1"), Some("stack@eu-west-1")]);
        let regions: Vec<_> = cfn
            .iter()
            .map(|m| find(m, "Logs").placement.region.clone())
            .collect();
        assert_eq!(
            regions,
            [
                Region::Known("us-east-1".into()),
                Region::Known("eu-west-1".into())
            ]
        );
        // The template's notes are said once.
        assert_eq!(cfn[0].notes.len(), 1);
        assert!(cfn[1].notes.is_empty());
    }

    #[test]
    fn conditions_decide_what_exists() {
        let text = "\
Parameters:
  Env: {Type: String, Default: prod}
Conditions:
  IsDev: !Equals [!Ref Env, dev]
  Later: !Equals [!Ref 'AWS::AccountId', '111122223333']
Resources:
  DevKey: {Type: AWS::KMS::Key, Condition: IsDev}
  MaybeKey: {Type: AWS::KMS::Key, Condition: Later}
  Chosen:
    Type: AWS::KMS::Key
    Properties: !If [IsDev, {EnableKeyRotation: false}, {EnableKeyRotation: true}]
  Undecided:
    Type: AWS::KMS::Key
    Properties: !If [Later, {EnableKeyRotation: false}, {}]
";
        let cfn = models(text, &[]);
        let ids: Vec<&str> = cfn[0]
            .resources
            .iter()
            .map(|r| r.address.as_str())
            .collect();
        assert_eq!(ids, ["Chosen", "MaybeKey", "Undecided"]);
        assert_eq!(
            find(&cfn[0], "Chosen").attr("enable_key_rotation"),
            Some(&Value::Bool(true))
        );
        assert_eq!(
            find(&cfn[0], "Undecided").attr("enable_key_rotation"),
            Some(&Value::Unknown)
        );
    }

    #[test]
    fn tags_and_inline_policies() {
        let text = "\
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      Tags: [{Key: team, Value: data}]
      Policies:
        - PolicyName: all
          PolicyDocument: {Statement: [{Effect: Allow, Action: '*', Resource: '*'}]}
";
        let cfn = models(text, &[]);
        let role = find(&cfn[0], "Role");
        assert_eq!(
            role.attr("tags").and_then(|t| t.get("team")),
            Some(&Value::String("data".into()))
        );
        let blocks = role
            .attr("inline_policy")
            .map(Value::blocks)
            .unwrap_or_default();
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].get("name"), Some(&Value::String("all".into())));
        assert_eq!(
            blocks[0].get("policy"),
            Some(&Value::String(
                r#"{"Statement":[{"Action":"*","Effect":"Allow","Resource":"*"}]}"#.into()
            ))
        );
    }

    #[test]
    fn get_att_attributes_as_terraform_names_them() {
        assert_eq!(snake_case("Arn"), "arn");
        assert_eq!(snake_case("KeyId"), "key_id");
        assert_eq!(snake_case("Endpoint.Address"), "endpoint.address");
    }
}
