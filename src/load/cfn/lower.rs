//! A template lowered into the one model (docs/architecture.md, "Decisions"):
//! each resource of a type in `table.rs` becomes the `Resource` rules read,
//! with the Terraform type and attributes, the references its intrinsics make
//! (`Ref`, `Fn::GetAtt`, `Fn::Sub`) and its CloudFormation type and property
//! paths kept as its `Origin`. The stack's region is a provider configuration
//! `aws` that every resource uses, as in a Terraform root module, so the one
//! resolver places it: the `--region` given, else unknown.

use super::eval::{Evaluated, Evaluator, Links};
use super::table::{self, Convert, Property, Row};
use super::{CfnValue, Template};
use crate::error::Result;
use crate::load::options::TemplateOptions;
use crate::model::value::{Key, Map, map_from_entries};
use crate::model::{
    InputKind, InstanceKey, Location, Mode, Model, Origin, ProviderConfig, ProviderRef, Reference,
    Resource, Suppression, Value,
};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// The models of one template: one per `--region`, or one whose region is unknown.
pub fn lower(path: &Path, template: &Template, opts: &TemplateOptions) -> Result<Vec<Model>> {
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
            stack_sets_read: true,
        }
    };
    if opts.regions.is_empty() {
        return Ok(vec![lower_in(
            path,
            template,
            &opts.parameters,
            &by_itself(None),
            None,
        )?]);
    }
    let mut models: Vec<Model> = opts
        .regions
        .iter()
        .map(|r| lower_in(path, template, &opts.parameters, &by_itself(Some(r)), None))
        .collect::<Result<_>>()?;
    // The template's notes, said once.
    for later in models.iter_mut().skip(1) {
        later.notes.clear();
    }
    Ok(models)
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
    /// What the assembly's other stacks share with this one.
    pub links: &'a Links,
}

/// The model of one stack of a cloud assembly, placed in its environment's region.
pub fn lower_stack(
    path: &Path,
    template: &Template,
    parameters: &BTreeMap<String, String>,
    stack: &Stack,
) -> Result<Model> {
    let place = Place {
        region: stack.region.map(str::to_string),
        account: stack.account.map(str::to_string),
        stack: Some(stack.name.to_string()),
        region_origin: format!("the stack's environment {}", stack.environment),
        prefix: format!("{}/", stack.name),
        stack_sets_read: false,
    };
    lower_in(path, template, parameters, &place, Some(stack.links))
}

/// A stack instance of a stack set (`stackset.rs`): the set's template in
/// one of its regions (`None`: unknown), named `name` (`Set@us-east-1`),
/// with the parameters the set passes in `links`.
pub fn lower_instance(
    path: &Path,
    template: &Template,
    name: &str,
    region: Option<Value>,
    region_origin: String,
    links: &Links,
) -> Result<Model> {
    // A marked region is no `AWS::Region` of the template: its values would
    // show it unmarked. It places the provider configuration below instead.
    let known = region
        .as_ref()
        .filter(|r| !r.has_sensitive())
        .and_then(Value::as_str)
        .map(str::to_string);
    let place = Place {
        region: known,
        account: None,
        stack: Some(name.to_string()),
        region_origin,
        prefix: format!("{name}/"),
        stack_sets_read: false,
    };
    let mut model = lower_in(path, template, &BTreeMap::new(), &place, Some(links))?;
    // A region from a NoEcho parameter places the instance and stays marked.
    if let Some(marked @ Value::Sensitive(_)) = region {
        for p in &mut model.providers {
            p.region = Some(marked.clone());
        }
    }
    Ok(model.finish())
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
    /// The template's stack sets are read beside it (`stackset.rs`): not
    /// listed as types not checked.
    stack_sets_read: bool,
}

fn lower_in(
    path: &Path,
    template: &Template,
    parameters: &BTreeMap<String, String>,
    place: &Place,
    links: Option<&Links>,
) -> Result<Model> {
    let region = place.region.as_deref();
    let pseudo = pseudo_parameters(region, place.account.as_deref());
    let eval = Evaluator::new(template, parameters, &pseudo);
    let eval = match links {
        Some(links) => eval.with_links(links, place.stack.as_deref().unwrap_or_default()),
        None => eval,
    };
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
        .filter(|r| !(place.stack_sets_read && r.r#type == super::stackset::STACK_SET))
        // CDK's own machinery, read for what it links (eval.rs), not checked.
        .filter(|r| {
            ![
                super::eval::CDK_EXPORT_READER,
                super::eval::CDK_EXPORT_WRITER,
                "AWS::CDK::Metadata",
            ]
            .contains(&r.r#type.as_str())
        })
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
        model.resources.extend(lower_resources(
            &eval,
            template,
            res,
            row,
            path,
            &provider,
            &place.prefix,
        ));
        model.suppressions.extend(metadata_suppressions(
            res,
            &format!("{}{}", place.prefix, res.logical_id),
            path,
        ));
        if eval.exhausted() {
            return Err(too_large(path, &res.logical_id));
        }
    }
    Ok(model.finish())
}

/// A template whose values ask for more than evaluation may do (`eval.rs`,
/// `MAX_EVAL_UNITS`): refused, not judged on values made unknown.
pub(super) fn too_large(path: &Path, logical_id: &str) -> crate::error::Error {
    crate::error::Error::input(
        path,
        format!(
            "{logical_id}: its values are too large to evaluate (Fn::Sub, Fn::Join or conditions building more than tfward reads of one template)"
        ),
    )
}

/// A resource's `Metadata: {tfward: {skip: [{id, comment, expires}]}}`:
/// checkov's shape, which CDK code sets with `addMetadata("tfward", {...})`.
/// An entry may also be one text, `<rule-id> <reason> [exp:YYYY-MM-DD]`, as a
/// comment is written.
fn metadata_suppressions(res: &super::Resource, address: &str, path: &Path) -> Vec<Suppression> {
    let skip = res
        .metadata
        .as_ref()
        .and_then(CfnValue::as_map)
        .and_then(|m| m.get("tfward"))
        .and_then(CfnValue::as_map)
        .and_then(|m| m.get("skip"));
    let entries = match skip {
        Some(CfnValue::List(items)) => items.as_slice(),
        Some(one) => std::slice::from_ref(one),
        None => &[],
    };
    let text = |entry: &BTreeMap<String, CfnValue>, key: &str| {
        entry
            .get(key)
            .and_then(CfnValue::as_str)
            .map(str::to_string)
    };
    entries
        .iter()
        .filter_map(|entry| {
            let written = match entry {
                CfnValue::String(line) => line.clone(),
                CfnValue::Map(entry) => {
                    let mut line = text(entry, "id")?;
                    for part in [text(entry, "comment"), text(entry, "reason")]
                        .into_iter()
                        .flatten()
                    {
                        line = format!("{line} {part}");
                    }
                    if let Some(date) = text(entry, "expires") {
                        line = format!("{line} exp:{date}");
                    }
                    line
                }
                _ => return None,
            };
            Suppression::parse(
                &written,
                path.to_path_buf(),
                None,
                Some(address.to_string()),
            )
        })
        .collect()
}

/// `AWS::Region` and what follows from it, and `AWS::AccountId` when a cloud
/// assembly names it; the stack's name and ID stay unknown.
pub(super) fn pseudo_parameters(
    region: Option<&str>,
    account: Option<&str>,
) -> BTreeMap<String, String> {
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

/// Written properties and the path they are written at (`Properties`,
/// `Globals.Function`, `Properties.RecordSets[0]`).
type Layer<'t> = (&'t BTreeMap<String, CfnValue>, &'t str);

/// What one resource is lowered from: its own properties (written at
/// `own_at`) over the layers `below`, the first that writes a top-level
/// property giving it whole; `index`: the element of a list it is.
struct Written<'t, 'w> {
    own: Chosen<'t>,
    own_at: &'w str,
    below: &'w [Layer<'t>],
    index: Option<usize>,
}

/// A template resource lowered: usually one resource, one per element of a
/// list property for a type the table says so of (`AWS::Route53::RecordSetGroup`:
/// each record over the group's `HostedZoneId`). Properties default to the
/// template's SAM `Globals` section for the type, when it has one.
fn lower_resources(
    eval: &Evaluator,
    template: &Template,
    res: &super::Resource,
    row: &'static Row,
    path: &Path,
    provider: &Arc<ProviderRef>,
    prefix: &str,
) -> Vec<Resource> {
    let globals_at;
    let mut defaults: Vec<Layer> = Vec::new();
    if template.is_sam()
        && let Some(section) = table::globals_section(&res.r#type)
        && let Some(map) = template
            .globals
            .as_ref()
            .and_then(CfnValue::as_map)
            .and_then(|g| g.get(section))
            .and_then(CfnValue::as_map)
    {
        globals_at = format!("Globals.{section}");
        defaults.push((map, &globals_at));
    }
    let one = |written: Written| lower_resource(eval, res, row, path, provider, prefix, written);
    let own = chosen_properties(eval, &res.properties);
    let items = match (&own, table::one_per_element(&res.r#type)) {
        (Chosen::Map(group), Some(list)) => match group.get(list) {
            Some(CfnValue::List(items)) => Some((*group, list, items)),
            _ => None,
        },
        _ => None,
    };
    let Some((group, list, items)) = items else {
        return vec![one(Written {
            own,
            own_at: "Properties",
            below: &defaults,
            index: None,
        })];
    };
    let below: Vec<Layer> = std::iter::once((group, "Properties"))
        .chain(defaults)
        .collect();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let element = chosen_properties(eval, item);
        // `AWS::NoValue`, or an `Fn::If` choosing it: no element.
        if matches!(&element, Chosen::Map(m) if m.is_empty()) {
            continue;
        }
        out.push(one(Written {
            own: element,
            own_at: &format!("Properties.{list}[{i}]"),
            below: &below,
            index: Some(i),
        }));
    }
    out
}

fn lower_resource(
    eval: &Evaluator,
    res: &super::Resource,
    row: &'static Row,
    path: &Path,
    provider: &Arc<ProviderRef>,
    prefix: &str,
    written: Written,
) -> Resource {
    let mut lowering = Lowering {
        eval,
        prefix,
        refs: Vec::new(),
        properties: Vec::new(),
    };
    let Written {
        own,
        own_at,
        below,
        index,
    } = written;
    let attrs = match own {
        Chosen::Map(map) => {
            let layers: Vec<Layer> = std::iter::once((map, own_at))
                .chain(below.iter().copied())
                .collect();
            lowering.properties(&layers, row.properties, "")
        }
        Chosen::Undecided(maps) => lowering.undecided(&maps, row.properties, own_at, below),
    };
    let Lowering {
        mut refs,
        properties,
        ..
    } = lowering;
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
        address: match index {
            Some(i) => format!("{prefix}{}[{i}]", res.logical_id),
            None => format!("{prefix}{}", res.logical_id),
        },
        mode: Mode::Managed,
        r#type: row.terraform.to_string(),
        name: res.logical_id.clone(),
        module: String::new(),
        module_path: Arc::from([]),
        index: index.map(|i| InstanceKey::Int(i64::try_from(i).unwrap_or(i64::MAX))),
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
            words: table::words(row),
        })),
    }
}

/// One resource's properties on their way to attributes: the references
/// each makes, recorded on the attribute path it fills
/// (`rule.0.copy_action.0.destination_vault_arn`, as HCL records them), and
/// the property path each attribute came from.
struct Lowering<'e, 't> {
    eval: &'e Evaluator<'t>,
    /// Before each logical ID a reference names (`Primary/`).
    prefix: &'e str,
    refs: Vec<Reference>,
    properties: Vec<(String, String)>,
}

impl Lowering<'_, '_> {
    /// The attributes `rows` map from the written properties `layers` (the
    /// first that writes a top-level property gives it, with the path it is
    /// written at: `Properties.BackupPlan.BackupPlanRule[0]`); `attr_path`
    /// leads to the attributes (`rule.0.`).
    fn properties(
        &mut self,
        layers: &[Layer],
        rows: &[Property],
        attr_path: &str,
    ) -> Vec<(Key, Value)> {
        let mut attrs = Vec::new();
        for prop in rows {
            let attr = format!("{attr_path}{}", prop.attr);
            // Down the path as written, while it is written out; from an
            // intrinsic on, down its evaluated value.
            let mut segments = prop.path.split('.');
            let top = segments.next().unwrap_or_default();
            let Some((first, cfn_path)) = layers
                .iter()
                .find_map(|(written, cfn_path)| written.get(top).map(|v| (v, *cfn_path)))
            else {
                continue;
            };
            let mut at = Some(first);
            let cfn = format!("{cfn_path}.{}", prop.path);
            let mut rest: Vec<&str> = Vec::new();
            for seg in segments.by_ref() {
                match at {
                    Some(CfnValue::Map(map)) => at = map.get(seg),
                    _ => {
                        rest.push(seg);
                        break;
                    }
                }
            }
            rest.extend(segments);
            let Some(at) = at else {
                continue;
            };
            let value = match (prop.convert, at) {
                (Convert::Blocks(inner), CfnValue::List(_) | CfnValue::Map(_))
                    if rest.is_empty() =>
                {
                    self.blocks(at, inner, &attr, &cfn)
                }
                _ => {
                    let Some(Evaluated { value, references }) = self.eval.evaluate_member(at)
                    else {
                        continue;
                    };
                    let Some(value) = walk(value, &rest.join(".")) else {
                        continue;
                    };
                    match prop.convert {
                        Convert::InBlock(inner) => {
                            self.record(references, &format!("{attr}.0.{inner}"));
                        }
                        _ => self.record(references, &attr),
                    }
                    convert(value, prop.convert)
                }
            };
            self.properties.push((attr, cfn));
            attrs.push((Key::from(prop.attr), value));
        }
        attrs
    }

    /// Written objects as nested blocks, each lowered by `inner`.
    fn blocks(&mut self, written: &CfnValue, inner: &[Property], attr: &str, cfn: &str) -> Value {
        let items: Vec<(&CfnValue, String)> = match written {
            CfnValue::List(items) => items
                .iter()
                .enumerate()
                .map(|(i, item)| (item, format!("{cfn}[{i}]")))
                .collect(),
            one => vec![(one, cfn.to_string())],
        };
        let mut blocks = Vec::new();
        for (item, cfn) in items {
            let at = format!("{attr}.{}", blocks.len());
            match item {
                CfnValue::Map(map) => {
                    let block = self.properties(&[(map, &cfn)], inner, &format!("{at}."));
                    blocks.push(Value::Map(map_from_entries(block)));
                }
                other => {
                    let Some(Evaluated { value, references }) = self.eval.evaluate_member(other)
                    else {
                        continue;
                    };
                    self.record(references, &at);
                    blocks.push(nested_blocks(value, inner).unwrap_or(Value::Unknown));
                }
            }
        }
        Value::List(blocks)
    }

    /// `Properties: !If [...]` undecided (written at `own_at`): a property
    /// either branch sets may be set, to a value not known here; one neither
    /// sets is lowered from the layers `below`.
    fn undecided(
        &mut self,
        maps: &[&BTreeMap<String, CfnValue>],
        rows: &[Property],
        own_at: &str,
        below: &[Layer],
    ) -> Vec<(Key, Value)> {
        let mut attrs = Vec::new();
        let mut unwritten: Vec<Property> = Vec::new();
        for prop in rows {
            let top = prop.path.split('.').next().unwrap_or_default();
            let written: Vec<&CfnValue> = maps.iter().filter_map(|m| m.get(top)).collect();
            if written.is_empty() {
                unwritten.push(*prop);
                continue;
            }
            for w in written {
                let references = self.eval.evaluate(w).references;
                self.record(references, prop.attr);
            }
            self.properties
                .push((prop.attr.to_string(), format!("{own_at}.{}", prop.path)));
            attrs.push((Key::from(prop.attr), Value::Unknown));
        }
        attrs.extend(self.properties(below, &unwritten, ""));
        attrs
    }

    fn record(&mut self, references: Vec<super::eval::Reference>, attr: &str) {
        self.refs.extend(references.into_iter().map(|r| Reference {
            attr: attr.to_string(),
            target: match &r.stack {
                // The template holding a stack set: its own IDs have no prefix.
                Some(stack) if stack.is_empty() => r.logical_id.clone(),
                Some(stack) => format!("{stack}/{}", r.logical_id),
                None => format!("{}{}", self.prefix, r.logical_id),
            },
            target_attr: Some(r.attribute.as_deref().map_or("id".to_string(), snake_case)),
        }));
    }
}

/// An evaluated object (or list of them) as nested blocks mapped by `inner`;
/// `None` for what is not one.
fn nested_blocks(value: Value, inner: &[Property]) -> Option<Value> {
    match value {
        Value::Unknown => Some(Value::Unknown),
        Value::List(items) => Some(Value::List(
            items
                .into_iter()
                .filter_map(|item| nested_block(item, inner))
                .collect(),
        )),
        Value::Map(_) => Some(Value::List(
            nested_block(value, inner).into_iter().collect(),
        )),
        _ => None,
    }
}

fn nested_block(value: Value, inner: &[Property]) -> Option<Value> {
    match value {
        Value::Unknown => Some(Value::Unknown),
        Value::Map(_) => Some(Value::Map(map_from_entries(
            inner
                .iter()
                .filter_map(|prop| {
                    let found = walk(value.clone(), prop.path)?;
                    Some((Key::from(prop.attr), convert(found, prop.convert)))
                })
                .collect(),
        ))),
        _ => None,
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
        Convert::Blocks(inner) => nested_blocks(value.clone(), inner).unwrap_or(value),
        Convert::Is(text) => match value.unmarked() {
            Value::String(s) => {
                let is = s == text;
                rewrap(&value, Value::Bool(is))
            }
            _ => value,
        },
        Convert::InBlock(inner) => match value.unmarked() {
            // Not known: whether there is a block at all.
            Value::Unknown => value,
            _ => Value::List(vec![Value::Map(map_from_entries(vec![(
                Key::from(inner),
                value,
            )]))]),
        },
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
        let mut models = lower(path, &template, &opts).unwrap_or_else(|e| panic!("{e}"));
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
  Repository:
    Type: AWS::ECR::Repository
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
            ["stack.yaml: resource types not checked yet: AWS::ECR::Repository"]
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

    /// A backup plan's rules become `rule` blocks, and each reference is
    /// recorded where it is written, as HCL records it: the rule's vault is
    /// not mistaken for its copy destination.
    #[test]
    fn nested_blocks_keep_each_reference_where_it_is() {
        let text = "\
Resources:
  Vault: {Type: AWS::Backup::BackupVault}
  DrVault: {Type: AWS::Backup::BackupVault}
  Plan:
    Type: AWS::Backup::BackupPlan
    Properties:
      BackupPlan:
        BackupPlanName: daily
        BackupPlanRule:
          - RuleName: daily
            TargetBackupVault: !Ref Vault
            Lifecycle: {DeleteAfterDays: 35}
            CopyActions:
              - DestinationBackupVaultArn: !GetAtt DrVault.BackupVaultArn
          - !If [Never, {RuleName: never}, !Ref AWS::NoValue]
";
        let cfn = models(text, &[]);
        let plan = find(&cfn[0], "Plan");
        let at: Vec<(&str, &str)> = plan
            .refs
            .iter()
            .map(|r| (r.attr.as_str(), r.target.as_str()))
            .collect();
        assert_eq!(
            at,
            [
                ("rule.0.copy_action.0.destination_vault_arn", "DrVault"),
                ("rule.0.target_vault_name", "Vault"),
            ]
        );
        let rules = plan.attr("rule").map(Value::blocks).unwrap_or_default();
        // The undecided second rule is one whose contents are not known.
        assert_eq!(
            plan.attr("rule").and_then(Value::as_list).map(<[_]>::len),
            Some(2)
        );
        assert_eq!(
            rules[0].get("rule_name"),
            Some(&Value::String("daily".into()))
        );
        let lifecycle = rules[0]
            .get("lifecycle")
            .map(Value::blocks)
            .unwrap_or_default();
        assert_eq!(lifecycle[0].get("delete_after"), Some(&Value::Number(35.0)));
    }

    /// Findings on a lowered resource name its properties as CloudFormation
    /// does, set or not; prose, values and unknown names stay.
    #[test]
    fn messages_speak_cloudformation() {
        let origin = Origin {
            r#type: "AWS::Backup::BackupPlan".into(),
            properties: Vec::new(),
            words: table::words(table::row("AWS::Backup::BackupPlan").expect("a row")),
        };
        assert_eq!(
            origin.speak("`delete_after = 30` in `rule.0.lifecycle.0.delete_after` of `Plan`: `name` `x.y` `s3:*`"),
            "`DeleteAfterDays: 30` in `BackupPlanRule.0.Lifecycle.0.DeleteAfterDays` of `Plan`: `BackupPlanName` `x.y` `s3:*`"
        );
    }

    /// A bucket's inline replication becomes the legacy `replication_configuration`
    /// block with its `rules`, each reference recorded where HCL records the
    /// same configuration's; versioning `Enabled` / `Suspended` becomes
    /// `versioning { enabled }`, default encryption the nested `rule` blocks.
    #[test]
    fn s3_replication_has_the_legacy_inline_shape() {
        let text = "\
Parameters:
  Versioning: {Type: String}
Resources:
  Role: {Type: AWS::IAM::Role, Properties: {AssumeRolePolicyDocument: {Statement: []}}}
  Key: {Type: AWS::KMS::Key}
  Replica:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration: {Status: Suspended}
  Undecided:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration: {Status: !Ref Versioning}
  Source:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: invoices
      VersioningConfiguration: {Status: Enabled}
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault: {SSEAlgorithm: 'aws:kms', KMSMasterKeyID: !Ref Key}
      ReplicationConfiguration:
        Role: !GetAtt Role.Arn
        Rules:
          - Id: all
            Status: Enabled
            SourceSelectionCriteria:
              SseKmsEncryptedObjects: {Status: Enabled}
            Destination:
              Bucket: !GetAtt Replica.Arn
              Account: '444455556666'
              EncryptionConfiguration: {ReplicaKmsKeyID: !GetAtt Key.Arn}
";
        let cfn = models(text, &[]);
        let source = find(&cfn[0], "Source");
        let hcl = crate::load::config::module_dir::load_single_hcl_file(
            Path::new("main.tf"),
            r#"
resource "aws_s3_bucket" "source" {
  bucket = "invoices"
  versioning {
    enabled = true
  }
  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm     = "aws:kms"
        kms_master_key_id = aws_kms_key.key.id
      }
    }
  }
  replication_configuration {
    role = aws_iam_role.role.arn
    rules {
      id     = "all"
      status = "Enabled"
      source_selection_criteria {
        sse_kms_encrypted_objects {
          enabled = true
        }
      }
      destination {
        bucket             = aws_s3_bucket.replica.arn
        account_id         = "444455556666"
        replica_kms_key_id = aws_kms_key.key.arn
      }
    }
  }
}
"#,
            &LoadOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let from_hcl = find(&hcl, "aws_s3_bucket.source");
        let at = |r: &Resource| -> Vec<String> {
            let mut at: Vec<String> = r.refs.iter().map(|r| r.attr.clone()).collect();
            at.sort();
            at
        };
        assert_eq!(at(source), at(from_hcl));
        assert_eq!(
            at(source),
            [
                "replication_configuration.0.role",
                "replication_configuration.0.rules.0.destination.0.bucket",
                "replication_configuration.0.rules.0.destination.0.replica_kms_key_id",
                "server_side_encryption_configuration.0.rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id",
            ]
        );
        // The known parts of the blocks read as HCL's do.
        let block = |r: &Resource, path: &[&str]| -> Value {
            let mut v = r.attr(path[0]).cloned().unwrap_or(Value::Null);
            for seg in &path[1..] {
                let next = v.blocks().first().and_then(|b| b.get(*seg)).cloned();
                v = next.unwrap_or(Value::Null);
            }
            v
        };
        for path in [
            &["bucket"][..],
            &["versioning", "enabled"],
            &[
                "server_side_encryption_configuration",
                "rule",
                "apply_server_side_encryption_by_default",
                "sse_algorithm",
            ],
            &["replication_configuration", "rules", "id"],
            &["replication_configuration", "rules", "status"],
            &[
                "replication_configuration",
                "rules",
                "source_selection_criteria",
                "sse_kms_encrypted_objects",
                "enabled",
            ],
            &[
                "replication_configuration",
                "rules",
                "destination",
                "account_id",
            ],
        ] {
            let got = block(source, path);
            assert!(got.is_known() && !got.is_null(), "{path:?}: {got:?}");
            assert_eq!(got, block(from_hcl, path), "{path:?}");
        }
        let versioning = |id: &str| {
            find(&cfn[0], id)
                .attr("versioning")
                .map(Value::blocks)
                .unwrap_or_default()
                .first()
                .and_then(|b| b.get("enabled"))
                .cloned()
        };
        assert_eq!(versioning("Replica"), Some(Value::Bool(false)));
        // A status known only at deploy time is neither on nor off.
        assert_eq!(versioning("Undecided"), Some(Value::Unknown));
    }

    fn hcl(text: &str) -> Model {
        let mut model = crate::load::config::module_dir::load_single_hcl_file(
            Path::new("main.tf"),
            text,
            &LoadOptions::default(),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        crate::region::place_all(&mut model);
        model
    }

    /// `WebACLArn: !GetAtt Acl.Arn` is the reference HCL's
    /// `web_acl_arn = aws_wafv2_web_acl.acl.arn` makes; a CLOUDFRONT-scope
    /// ACL is global, a REGIONAL one in the stack's region.
    #[test]
    fn waf_associations_and_scopes() {
        let from_hcl = hcl(
            "resource \"aws_wafv2_web_acl\" \"acl\" { scope = \"REGIONAL\" }\nresource \"aws_wafv2_web_acl_association\" \"a\" {\n  web_acl_arn = aws_wafv2_web_acl.acl.arn\n}\n",
        );
        let text = "\
Resources:
  Acl:
    Type: AWS::WAFv2::WebACL
    Properties: {Name: app, Scope: REGIONAL}
  Edge:
    Type: AWS::WAFv2::WebACL
    Properties: {Name: edge, Scope: CLOUDFRONT}
  Assoc:
    Type: AWS::WAFv2::WebACLAssociation
    Properties:
      ResourceArn: arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1
      WebACLArn: !GetAtt Acl.Arn
  Cdn:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig: {Enabled: true, WebACLId: !GetAtt Edge.Arn}
";
        let cfn = models(text, &["eu-west-1"]);
        let hcl_ref = &find(&from_hcl, "aws_wafv2_web_acl_association.a").refs[0];
        assert_eq!(
            find(&cfn[0], "Assoc").refs,
            [Reference {
                target: "Acl".to_string(),
                ..hcl_ref.clone()
            }]
        );
        let cdn = find(&cfn[0], "Cdn");
        assert_eq!(cdn.r#type, "aws_cloudfront_distribution");
        assert_eq!(
            (cdn.refs[0].attr.as_str(), cdn.refs[0].target.as_str()),
            ("web_acl_id", "Edge")
        );
        assert_eq!(find(&cfn[0], "Edge").placement.region, Region::Global);
        assert_eq!(
            find(&cfn[0], "Edge").placement.api_region,
            Region::Known("eu-west-1".into())
        );
        assert_eq!(cdn.placement.region, Region::Global);
        assert_eq!(
            find(&cfn[0], "Acl").placement.region,
            Region::Known("eu-west-1".into())
        );
        assert_eq!(
            find(&cfn[0], "Assoc").placement.region,
            Region::Known("eu-west-1".into())
        );
    }

    /// A record set's `Failover` and `AliasTarget` have the shapes of HCL's
    /// `failover_routing_policy` and `alias` blocks; zones and records are global.
    #[test]
    fn record_sets_have_the_shape_of_hcl_records() {
        let from_hcl = hcl("\
resource \"aws_route53_record\" \"r\" {
  failover_routing_policy {
    type = \"PRIMARY\"
  }
  alias {
    name                   = \"lb.example.net\"
    zone_id                = \"Z1\"
    evaluate_target_health = true
  }
}
");
        let text = "\
Parameters:
  Role: {Type: String}
Resources:
  Zone:
    Type: AWS::Route53::HostedZone
    Properties:
      Name: corp.internal
      VPCs: [{VPCId: vpc-1, VPCRegion: eu-west-1}]
  Record:
    Type: AWS::Route53::RecordSet
    Properties:
      HostedZoneId: !Ref Zone
      Failover: PRIMARY
      AliasTarget: {DNSName: lb.example.net, HostedZoneId: Z1, EvaluateTargetHealth: 'true'}
  Undecided:
    Type: AWS::Route53::RecordSet
    Properties:
      Failover: !Ref Role
";
        let cfn = models(text, &["eu-west-1"]);
        let record = find(&cfn[0], "Record");
        let hcl_record = find(&from_hcl, "aws_route53_record.r");
        for attr in ["failover_routing_policy", "alias"] {
            assert_eq!(record.attr(attr), hcl_record.attr(attr), "{attr}");
        }
        assert_eq!(
            (record.refs[0].attr.as_str(), record.refs[0].target.as_str()),
            ("zone_id", "Zone")
        );
        // A failover type not known here is not known to be a block at all.
        assert_eq!(
            find(&cfn[0], "Undecided").attr("failover_routing_policy"),
            Some(&Value::Unknown)
        );
        let zone = find(&cfn[0], "Zone");
        let vpcs = zone.attr("vpc").map(Value::blocks).unwrap_or_default();
        assert_eq!(vpcs[0].get("vpc_id"), Some(&Value::String("vpc-1".into())));
        for r in [zone, record] {
            assert_eq!(r.placement.region, Region::Global, "{}", r.address);
        }
    }

    /// Each record of a RecordSetGroup is its own resource, `Group[i]` at the
    /// group's line, its properties over the group's `HostedZoneId`; an
    /// element `AWS::NoValue` is none.
    #[test]
    fn a_record_set_group_is_one_record_per_element() {
        let text = "\
Conditions:
  Never: !Equals [a, b]
Resources:
  Zone: {Type: AWS::Route53::HostedZone, Properties: {Name: acme.io}}
  Group:
    Type: AWS::Route53::RecordSetGroup
    Properties:
      HostedZoneId: !Ref Zone
      RecordSets:
        - {Name: a.acme.io, Type: A, ResourceRecords: [52.95.110.1]}
        - !If [Never, {Name: never.acme.io, Type: A}, !Ref AWS::NoValue]
        - {Name: b.acme.io, Type: A, Failover: SECONDARY, HostedZoneId: Z9}
";
        let cfn = models(text, &[]);
        let records: Vec<&Resource> = cfn[0]
            .resources
            .iter()
            .filter(|r| r.r#type == "aws_route53_record")
            .collect();
        let addresses: Vec<&str> = records.iter().map(|r| r.address.as_str()).collect();
        assert_eq!(addresses, ["Group[0]", "Group[2]"]);
        let (first, last) = (records[0], records[1]);
        assert_eq!(first.index, Some(InstanceKey::Int(0)));
        assert_eq!(first.location.line, Some(5));
        assert_eq!(first.base_address(), "Group");
        assert_eq!(first.shown_type(), "AWS::Route53::RecordSetGroup");
        assert_eq!(
            (first.refs[0].attr.as_str(), first.refs[0].target.as_str()),
            ("zone_id", "Zone")
        );
        assert_eq!(first.attr("name"), Some(&Value::String("a.acme.io".into())));
        // The element's own HostedZoneId wins over the group's.
        assert!(last.refs.is_empty());
        assert_eq!(last.attr("zone_id"), Some(&Value::String("Z9".into())));
        let origin = |r: &Resource, attr: &str| {
            r.origin
                .as_deref()
                .and_then(|o| o.properties.iter().find(|(a, _)| a == attr))
                .map(|(_, p)| p.clone())
        };
        assert_eq!(
            origin(first, "zone_id").as_deref(),
            Some("Properties.HostedZoneId")
        );
        assert_eq!(
            origin(last, "failover_routing_policy").as_deref(),
            Some("Properties.RecordSets[2].Failover")
        );
        // Lookups by the group's logical ID find every record of it.
        assert_eq!(cfn[0].lookup("Group").count(), 2);
    }

    /// A SAM function's properties default to `Globals.Function`: its own
    /// win; a template without SAM's transform has no globals.
    #[test]
    fn sam_functions_take_defaults_from_globals() {
        let sam = "\
Transform: AWS::Serverless-2016-10-31
Conditions:
  Later: !Equals [!Ref 'AWS::AccountId', '111122223333']
Globals:
  Function: {Runtime: python3.9, KmsKeyArn: !GetAtt Key.Arn}
Resources:
  Key: {Type: AWS::KMS::Key}
  Inherits: {Type: AWS::Serverless::Function, Properties: {Handler: a.h}}
  Own: {Type: AWS::Serverless::Function, Properties: {Runtime: python3.12}}
  Undecided:
    Type: AWS::Serverless::Function
    Properties: !If [Later, {Runtime: python3.12}, {Handler: a.h}]
  Plain: {Type: AWS::Lambda::Function, Properties: {Handler: a.h}}
";
        let cfn = models(sam, &[]);
        let runtime = |address: &str| find(&cfn[0], address).attr("runtime").cloned();
        assert_eq!(runtime("Inherits"), Some(Value::String("python3.9".into())));
        assert_eq!(runtime("Own"), Some(Value::String("python3.12".into())));
        assert_eq!(runtime("Undecided"), Some(Value::Unknown));
        // Globals are SAM's: an `AWS::Lambda::Function` takes none.
        assert_eq!(runtime("Plain"), None);
        let inherits = find(&cfn[0], "Inherits");
        assert_eq!(inherits.r#type, "aws_lambda_function");
        assert_eq!(
            (
                inherits.refs[0].attr.as_str(),
                inherits.refs[0].target.as_str()
            ),
            ("kms_key_arn", "Key")
        );
        assert!(
            inherits
                .origin
                .as_deref()
                .is_some_and(|o| o.properties.contains(&(
                    "runtime".to_string(),
                    "Globals.Function.Runtime".to_string()
                )))
        );
        assert_eq!(
            find(&cfn[0], "Undecided")
                .attr("kms_key_arn")
                .map(Value::is_known),
            Some(false)
        );
        let not_sam = models(
            &sam.replace("Transform: AWS::Serverless-2016-10-31\n", ""),
            &[],
        );
        assert_eq!(find(&not_sam[0], "Inherits").attr("runtime"), None);
    }

    #[test]
    fn get_att_attributes_as_terraform_names_them() {
        assert_eq!(snake_case("Arn"), "arn");
        assert_eq!(snake_case("KeyId"), "key_id");
        assert_eq!(snake_case("Endpoint.Address"), "endpoint.address");
    }
}
