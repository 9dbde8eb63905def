//! `terraform show -json` plans and states (format 0.1 to 1.x) into the model.
//!
//! The plan's `configuration` section is the only place that says which
//! provider configuration a resource uses; see `shared/corpus/plans/FORMAT.md`.

pub mod check;
mod providers;
mod refs;
mod values;
use providers::{provider_entry, provider_ref};
use refs::{align_blocks_with_configuration, collect_refs, inputs_known_at_plan_time};
use values::{configured_names, marks_only, merge_values};
pub mod pages;
pub mod stream;

use crate::address::{self, Segment};
use crate::error::{Error, Result};
use crate::model::{
    InputKind, InstanceKey, Location, Mode, Model, ModuleInfo, ProviderConfig, ProviderRef,
    Reference, Resource, Value,
};
use check::{Checker, Mistake, Seg};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value as Json};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, Mutex};
use stream::{Shape, WalkError};

/// The top level of a JSON document, each member still unparsed text.
///
/// Plans are read section by section from these slices of the input so that
/// the large parts (`planned_values`, `resource_changes`) never become one
/// generic JSON tree: each resource's values are parsed on their own and
/// dropped once the model holds them, and values a plan repeats are not
/// parsed twice.
pub type RawDoc<'a> = HashMap<String, &'a RawValue>;

/// One `resource_changes` entry: identity fields as small JSON values, the
/// values still unparsed.
#[derive(Deserialize)]
struct RawChange<'a> {
    address: Option<Json>,
    mode: Option<Json>,
    r#type: Option<Json>,
    name: Option<Json>,
    module_address: Option<Json>,
    index: Option<Json>,
    provider_name: Option<Json>,
    deposed: Option<Json>,
    /// Its type is checked before it is parsed as a `RawChangeBody`.
    #[serde(borrow)]
    change: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct RawChangeBody<'a> {
    actions: Option<Json>,
    #[serde(borrow)]
    before: Option<&'a RawValue>,
    #[serde(borrow)]
    after: Option<&'a RawValue>,
    #[serde(borrow)]
    after_unknown: Option<&'a RawValue>,
    #[serde(borrow)]
    before_sensitive: Option<&'a RawValue>,
    #[serde(borrow)]
    after_sensitive: Option<&'a RawValue>,
}

/// What decides whether a module-tree resource is read at all.
#[derive(Deserialize)]
struct RawResourceHead<'a> {
    #[serde(borrow)]
    address: Option<std::borrow::Cow<'a, str>>,
    mode: Option<Json>,
    deposed_key: Option<Json>,
}

/// The input as read: the file's bytes and their text, for byte positions.
#[derive(Clone, Copy)]
pub struct Source<'a> {
    pub path: &'a Path,
    pub bytes: &'a [u8],
    /// `bytes` decoded; every `RawValue` of the document borrows from it.
    pub text: &'a str,
}

impl Source<'_> {
    /// The byte in the file where `at` (a slice of `text`) starts.
    fn file_byte(&self, at: &str) -> usize {
        let offset = (at.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        let offset = offset.min(self.text.len());
        let (bytes, text) = (self.bytes.as_ptr() as usize, self.text.as_ptr() as usize);
        if text >= bytes && text + self.text.len() <= bytes + self.bytes.len() {
            // UTF-8, maybe after a BOM: the text is the file's own bytes.
            text - bytes + offset
        } else {
            // Decoded from UTF-16: two bytes a unit, after the two-byte BOM.
            let before = self.text.get(..offset).unwrap_or_default();
            2 + 2 * before.encode_utf16().count()
        }
    }

    /// A field of the wrong type: `within` is the JSON text that was checked
    /// (a section or an element of one), `prefix` its path in the document.
    fn mistake(&self, within: &str, prefix: &[Seg], m: Mistake) -> Error {
        // A missing field has no byte of its own: the object that lacks it.
        let at = (0..=m.path.len())
            .rev()
            .find_map(|n| check::locate(within, &m.path[..n]))
            .unwrap_or(0);
        let mut path = prefix.to_vec();
        path.extend(m.path);
        Error::input(
            self.path,
            format!(
                "{}: expected {}, found {} (at byte {})",
                check::FieldPath(path),
                m.expected,
                m.found,
                self.file_byte(&within[at..])
            ),
        )
    }

    /// `check` on the JSON `value` parsed from `within`.
    fn check(
        &self,
        within: &str,
        prefix: &[Seg],
        value: &Json,
        check: impl FnOnce(&mut Checker, &Json) -> check::Checked,
    ) -> Result<()> {
        check(&mut Checker::default(), value).map_err(|m| self.mistake(within, prefix, m))
    }

    /// Unparsed `raw` must be of `kind` (or null): a cheap look at its first byte.
    fn raw_is(&self, raw: &RawValue, prefix: &[Seg], kinds: &[&'static str]) -> Result<()> {
        let found = check::raw_kind(raw.get());
        if found == "null" || kinds.contains(&found) {
            return Ok(());
        }
        Err(self.mistake(
            raw.get(),
            prefix,
            Mistake {
                path: Vec::new(),
                expected: kinds[0],
                found,
            },
        ))
    }
}

fn key(k: &str) -> Seg {
    Seg::Key(k.to_string())
}

/// A module of the plan's configuration tree.
struct ConfigModule<'a> {
    json: &'a Json,
    /// `module_calls[name]` objects of this module.
    calls: HashMap<String, &'a Json>,
    /// `resources` of this module by their local address.
    resources: HashMap<&'a str, &'a Json>,
}

struct Plan<'a> {
    variables: Option<&'a Json>,
    modules: HashMap<Vec<String>, ConfigModule<'a>>,
    /// Whether provider keys were already resolved by Terraform (1.2+ output).
    keys_resolved: bool,
    /// What the instances of one configuration resource share, by module
    /// path, local address and provider name: built once, not per instance.
    shared: Mutex<HashMap<SharedKey, SharedParts>>,
}

/// Module path, local address, provider name.
type SharedKey = (Vec<String>, String, String);

#[derive(Clone)]
struct SharedParts {
    module_path: Arc<[String]>,
    provider: Arc<ProviderRef>,
    derived_attrs: Arc<[String]>,
}

/// Parses one section of the document; a section of the wrong shape is an
/// error naming it, with the line and column where the JSON parser stopped.
///
/// Parsing a section touches all of its pages; they are handed back at once,
/// and the parts read again later come back one by one.
fn section<'a>(
    src: Source,
    doc: &RawDoc<'a>,
    name: &str,
    pager: pages::Pager,
) -> Result<Option<Json>> {
    let Some(raw) = doc.get(name) else {
        return Ok(None);
    };
    let parsed = serde_json::from_str(raw.get()).map_err(|e| unreadable(src, raw, name, &e))?;
    pager.release(raw.get().as_bytes());
    Ok(Some(parsed))
}

/// JSON the parser stopped on in a part of the document (the top-level parse
/// already read it, so not expected): where that part starts, in plain words.
fn unreadable(src: Source, raw: &RawValue, name: &str, e: &serde_json::Error) -> Error {
    Error::input(
        src.path,
        format!(
            "{name}: {} (in the value at byte {})",
            crate::error::plain_serde_message(e),
            src.file_byte(raw.get())
        ),
    )
}

/// Hands `each` the elements `shape` locates in one section, as the parser
/// reaches them; errors as `section`'s.
fn walk_section<'a>(
    src: Source,
    doc: &RawDoc<'a>,
    name: &str,
    shape: Shape,
    each: &mut impl FnMut(&'a RawValue, &[Seg]) -> Result<()>,
) -> Result<()> {
    let Some(raw) = doc.get(name) else {
        return Ok(());
    };
    stream::walk(raw.get(), shape, each).map_err(|e| match e {
        WalkError::Stopped(err) => err,
        WalkError::Shape(m) => src.mistake(raw.get(), &[key(name)], m),
        WalkError::Syntax(e) => unreadable(src, raw, name, &e),
    })
}

/// Every field the loader reads has its type checked first (see `check`):
/// the readers' `as_str()` / `as_object()` below then see absent fields as
/// absent, never a present field of another type as one.
/// The end of the note a plan gets when provider regions come from
/// expressions it does not record; `--source` resolves them (and drops it).
pub const SOURCE_WOULD_TELL: &str =
    "check the plan with --source DIR, the configuration it was made from, to resolve it";

pub fn load(src: Source, doc: &RawDoc, pager: pages::Pager) -> Result<Model> {
    let path = src.path;
    let format_json = section(src, doc, "format_version", pager)?;
    let format = match format_json.as_ref() {
        Some(Json::String(f)) => f.as_str(),
        other => {
            let found = other.map_or("nothing", check::kind);
            let at = doc
                .get("format_version")
                .map_or(0, |r| src.file_byte(r.get()));
            return Err(Error::input(
                path,
                format!("format_version: expected a string, found {found} (at byte {at})"),
            ));
        }
    };
    let major = format.split('.').next().and_then(|m| m.parse::<u32>().ok());
    let is_state = doc.contains_key("values")
        || ![
            "planned_values",
            "resource_changes",
            "configuration",
            "prior_state",
        ]
        .iter()
        .any(|k| doc.contains_key(*k));
    let mut model = Model::new(
        if is_state {
            InputKind::State
        } else {
            InputKind::Plan
        },
        path.to_path_buf(),
    );
    if major.is_none_or(|m| m > 1) {
        model.notes.push(format!(
            "{}: format_version {format} is newer than tfward knows (1.x); reading it as 1.x",
            path.display()
        ));
    }
    let flag = |name: &str| -> Result<Option<bool>> {
        match section(src, doc, name, pager)? {
            None | Some(Json::Null) => Ok(None),
            Some(Json::Bool(b)) => Ok(Some(b)),
            Some(other) => Err(src.mistake(
                doc[name].get(),
                &[key(name)],
                Checker::default().wrong(check::BOOL, &other),
            )),
        }
    };
    if flag("errored")? == Some(true) {
        model.notes.push(format!(
            "{}: the plan errored: it may be incomplete",
            path.display()
        ));
    } else if flag("complete")? == Some(false) {
        model.notes.push(format!(
            "{}: the plan is not complete (deferred changes)",
            path.display()
        ));
    }

    let variables = section(src, doc, "variables", pager)?;
    if let Some(v) = &variables {
        // `variables.NAME.value` is read; the value itself is free-form.
        src.check(doc["variables"].get(), &[key("variables")], v, |c, v| {
            c.object_of(v, |c, v| c.object(v).map(drop))
        })?;
    }
    if let Some(Json::Object(vars)) = &variables {
        for (name, v) in vars {
            if let Some(value) = v.get("value") {
                model
                    .variables
                    .insert(name.as_str().into(), Value::from_json(value));
            }
        }
    }
    let configuration = section(src, doc, "configuration", pager)?;
    if let Some(v) = &configuration {
        src.check(
            doc["configuration"].get(),
            &[key("configuration")],
            v,
            Checker::configuration,
        )?;
    }
    let mut plan = Plan {
        variables: variables.as_ref(),
        modules: HashMap::new(),
        keys_resolved: false,
        shared: Mutex::default(),
    };
    let config = configuration.as_ref();
    if let Some(root) = config.and_then(|c| c.get("root_module")) {
        collect_modules(&mut plan.modules, Vec::new(), root);
    }
    let provider_config = config
        .and_then(|c| c.get("provider_config"))
        .and_then(Json::as_object);
    plan.keys_resolved = provider_config
        .is_some_and(|pc| pc.values().any(|e| e.get("full_name").is_some()))
        || version_at_least(format, 1, 1);

    if let Some(pc) = provider_config {
        for (key, entry) in pc {
            model
                .providers
                .push(provider_entry(&plan, path, key, entry));
        }
    }
    let unrecorded = model
        .providers
        .iter()
        .filter(|p| matches!(p.region, Some(Value::Unknown)))
        .count();
    if unrecorded > 0 {
        let which = if unrecorded == 1 {
            "1 provider configuration".to_string()
        } else {
            format!("{unrecorded} provider configurations")
        };
        model.notes.push(format!(
            "{}: the region of {which} comes from an expression the plan does not record (variables, locals, functions), so it is unknown here; {SOURCE_WOULD_TELL}",
            path.display(),
        ));
    }
    for module_path in plan.modules.keys() {
        if module_path.is_empty() {
            continue;
        }
        let call = plan.modules[&module_path[..module_path.len() - 1]].calls
            [&module_path[module_path.len() - 1]];
        model.modules.push(ModuleInfo {
            path: module_path.clone(),
            source: call
                .get("source")
                .and_then(Json::as_str)
                .unwrap_or_default()
                .to_string(),
            // The plan does not record a module call's `providers` map (FORMAT.md (b) 5).
            providers: None,
            instance_providers: Default::default(),
            location: None,
        });
    }

    // Every address of the plan goes through it: hashed with foldhash, not SipHash.
    let mut seen: foldhash::HashSet<String> = foldhash::HashSet::default();
    // Entries are parsed in batches on every core as the parser reaches them;
    // the pages behind a batch are handed back once it is in the model.
    let mut read = pager.cursor();
    let mut batch: Vec<&RawValue> = Vec::with_capacity(CHANGE_BATCH);
    let mut done = 0;
    let mut land = |batch: &mut Vec<&RawValue>, model: &mut Model| -> Result<()> {
        use rayon::prelude::*;
        let changes: Vec<Result<Change>> = batch
            .par_iter()
            .enumerate()
            .map(|(i, raw)| resource_change(&plan, src, done + i, raw))
            .collect();
        // In document order: the first bad entry is the one reported.
        for change in changes {
            match change? {
                Change::Lands(res) => {
                    seen.insert(res.address.clone());
                    model.resources.push(res);
                }
                Change::Gone(Some(address)) => {
                    seen.insert(address);
                }
                Change::Gone(None) | Change::Skipped => {}
            }
        }
        if let Some(last) = batch.last() {
            read.next(last.get());
        }
        done += batch.len();
        batch.clear();
        Ok(())
    };
    walk_section(src, doc, "resource_changes", Shape::Array, &mut |raw, _| {
        batch.push(raw);
        if batch.len() == CHANGE_BATCH {
            land(&mut batch, &mut model)?;
        }
        Ok(())
    })?;
    land(&mut batch, &mut model)?;
    drop(read);
    // Resources of a module tree that `resource_changes` did not have (or, for
    // `data_only`, only its data sources): a cursor for the whole tree, since
    // the walk follows the document's order.
    let mut add_module_tree = |section: &str, shape: Shape, model: &mut Model, data_only: bool| {
        let mut read = pager.cursor();
        walk_section(src, doc, section, shape, &mut |raw, at| {
            read.next(raw.get());
            let prefix: Vec<Seg> = std::iter::once(key(section))
                .chain(at.iter().cloned())
                .collect();
            src.raw_is(raw, &prefix, &[check::OBJECT])?;
            let head = match serde_json::from_str::<RawResourceHead>(raw.get()) {
                Ok(head) => head,
                Err(e) => {
                    // A head field of the wrong type: say which.
                    let r: Json = serde_json::from_str(raw.get())
                        .map_err(|e| unreadable(src, raw, section, &e))?;
                    src.check(raw.get(), &prefix, &r, Checker::tree_resource)?;
                    return Err(unreadable(src, raw, section, &e));
                }
            };
            if head
                .mode
                .as_ref()
                .is_some_and(|m| !m.is_string() && !m.is_null())
                || head
                    .deposed_key
                    .as_ref()
                    .is_some_and(|d| !d.is_string() && !d.is_null())
            {
                let r: Json = serde_json::from_str(raw.get())
                    .map_err(|e| unreadable(src, raw, section, &e))?;
                src.check(raw.get(), &prefix, &r, Checker::tree_resource)?;
            }
            if data_only && head.mode.as_ref().and_then(Json::as_str) != Some("data") {
                return Ok(());
            }
            let Some(addr) = head.address else {
                return Ok(());
            };
            // Nearly every address is already known from resource_changes: look
            // before copying it.
            if head.deposed_key.is_some() || seen.contains(addr.as_ref()) {
                return Ok(());
            }
            seen.insert(addr.into_owned());
            let r: Json =
                serde_json::from_str(raw.get()).map_err(|e| unreadable(src, raw, section, &e))?;
            src.check(raw.get(), &prefix, &r, Checker::tree_resource)?;
            if let Some(res) = instance(&plan, path, &r, InstanceValues::Values(&r)) {
                model.resources.push(res);
            }
            Ok(())
        })
    };
    const ROOT_MODULE: Shape = Shape::Member("root_module", &Shape::Module);
    // Data sources read during planning live only in prior_state.
    add_module_tree(
        "prior_state",
        Shape::Member("values", &ROOT_MODULE),
        &mut model,
        true,
    )?;
    add_module_tree("planned_values", ROOT_MODULE, &mut model, false)?;
    add_module_tree("values", ROOT_MODULE, &mut model, false)?;
    // `data "aws_region"` blocks that set an argument look up another region.
    let mut configured: HashSet<String> = HashSet::new();
    for (path, module) in &plan.modules {
        for r in module
            .json
            .get("resources")
            .and_then(Json::as_array)
            .into_iter()
            .flatten()
        {
            let is_region = r.get("type").and_then(Json::as_str) == Some("aws_region")
                && r.get("mode").and_then(Json::as_str) == Some("data");
            let sets_argument = r
                .get("expressions")
                .and_then(Json::as_object)
                .is_some_and(|e| {
                    ["name", "id", "endpoint", "region"]
                        .iter()
                        .any(|k| e.contains_key(*k))
                });
            if is_region
                && sets_argument
                && let Some(name) = r.get("name").and_then(Json::as_str)
            {
                // Every instance of the module: match on configuration path below.
                configured.insert(format!(
                    "{}#data.aws_region.{name}",
                    crate::model::module_config_address(path)
                ));
            }
        }
    }
    // The others were read through their provider's own region: the resolver
    // takes their `name` as evidence of it.
    model.region_reads = model
        .resources
        .iter()
        .filter(|r| {
            r.mode == Mode::Data
                && r.r#type == "aws_region"
                && !configured.contains(&format!(
                    "{}#data.aws_region.{}",
                    crate::model::module_config_address(&r.module_path),
                    r.name
                ))
        })
        .map(|r| r.address.clone())
        .collect();
    Ok(model.finish())
}

fn version_at_least(version: &str, major: u32, minor: u32) -> bool {
    let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    let (ma, mi) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    (ma, mi) >= (major, minor)
}

fn collect_modules<'a>(
    out: &mut HashMap<Vec<String>, ConfigModule<'a>>,
    path: Vec<String>,
    module: &'a Json,
) {
    let mut calls = HashMap::new();
    if let Some(mc) = module.get("module_calls").and_then(Json::as_object) {
        for (name, call) in mc {
            calls.insert(name.clone(), call);
            if let Some(child) = call.get("module") {
                let mut child_path = path.clone();
                child_path.push(name.clone());
                collect_modules(out, child_path, child);
            }
        }
    }
    let mut resources = HashMap::new();
    for r in module
        .get("resources")
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(address) = r.get("address").and_then(Json::as_str) {
            // The first of duplicate entries wins, as a linear search would find it.
            resources.entry(address).or_insert(r);
        }
    }
    out.insert(
        path,
        ConfigModule {
            json: module,
            calls,
            resources,
        },
    );
}

/// The identity fields of a `resource_changes` entry, as the object `instance` reads.
fn change_head(change: &RawChange) -> Json {
    let mut head = Map::new();
    for (key, value) in [
        ("address", &change.address),
        ("mode", &change.mode),
        ("type", &change.r#type),
        ("name", &change.name),
        ("module_address", &change.module_address),
        ("index", &change.index),
        ("provider_name", &change.provider_name),
    ] {
        if let Some(value) = value {
            head.insert(key.into(), value.clone());
        }
    }
    Json::Object(head)
}

enum InstanceValues<'a> {
    /// The side of a `resource_changes[].change` that lands, with its markers.
    Marked {
        values: Option<Value>,
        unknown: Option<Value>,
        sensitive: Option<Value>,
        actions: Vec<String>,
    },
    /// A `planned_values` / state resource with `values` and `sensitive_values`.
    Values(&'a Json),
}

/// `resource_changes` entries handed to the cores at a time: enough to keep
/// them busy, few enough that the batch's pages are soon handed back.
const CHANGE_BATCH: usize = 1024;

/// What one `resource_changes` entry becomes.
// Lives only within a batch; boxing each resource would cost an allocation apiece.
#[allow(clippy::large_enum_variant)]
enum Change {
    /// A resource that exists after apply.
    Lands(Resource),
    /// Deposed, or only deleted: its address, so that no other section adds it back.
    Gone(Option<String>),
    /// Not a resource tfward models (an ephemeral one, an entry without identity).
    Skipped,
}

fn resource_change(plan: &Plan, src: Source, index: usize, raw: &RawValue) -> Result<Change> {
    let path = src.path;
    let prefix = [key("resource_changes"), Seg::Index(index)];
    let within = raw.get();
    src.raw_is(raw, &prefix, &[check::OBJECT])?;
    let unreadable = |e: serde_json::Error| unreadable(src, raw, "resource_changes", &e);
    let change: RawChange = serde_json::from_str(within).map_err(unreadable)?;
    let mut head = change_head(&change);
    if let (Json::Object(map), Some(deposed)) = (&mut head, &change.deposed) {
        map.insert("deposed".into(), deposed.clone());
    }
    src.check(within, &prefix, &head, Checker::tree_resource)?;
    // An entry without its identity or its change would otherwise vanish from
    // the checks: a silent pass on a damaged plan.
    let entry = |what: String| {
        let name = match change.address.as_ref().and_then(Json::as_str) {
            Some(a) => format!("{} ({a})", check::FieldPath(prefix.to_vec())),
            None => check::FieldPath(prefix.to_vec()).to_string(),
        };
        Error::input(
            path,
            format!("{name}: {what} (at byte {})", src.file_byte(within)),
        )
    };
    let given = |v: &Option<Json>| v.as_ref().is_some_and(|v| !v.is_null());
    for (field, present) in [
        ("address", given(&change.address)),
        ("mode", given(&change.mode)),
        ("type", given(&change.r#type)),
        ("name", given(&change.name)),
        ("change", change.change.is_some_and(|r| r.get() != "null")),
    ] {
        if !present {
            return Err(entry(format!("no \"{field}\"")));
        }
    }
    let body: Option<RawChangeBody> = match change.change {
        None => None,
        Some(raw_body) => {
            let mut at = prefix.to_vec();
            at.push(key("change"));
            src.raw_is(raw_body, &at, &[check::OBJECT])?;
            serde_json::from_str(raw_body.get()).map_err(unreadable)?
        }
    };
    let body = body.as_ref();
    let Some(actions) = body
        .and_then(|b| b.actions.as_ref())
        .filter(|a| !a.is_null())
    else {
        return Err(entry("no \"change.actions\"".to_string()));
    };
    // `after` is null only for an object that will not exist after apply.
    let after_null = body.is_some_and(|b| b.after.is_none_or(|a| a.get() == "null"));
    let gone = actions
        .as_array()
        .is_some_and(|a| a.len() == 1 && (a[0] == "delete" || a[0] == "forget"));
    // A malformed `actions` is named by its own check below.
    let well_formed = actions
        .as_array()
        .is_some_and(|a| a.iter().all(Json::is_string));
    if after_null && !gone && change.deposed.is_none() && well_formed {
        return Err(entry(format!(
            "\"change.after\" is null, but \"change.actions\" is {actions}, which leaves an object"
        )));
    }
    {
        src.check(within, &prefix, actions, |c, v| {
            c.at(key("change"), |c| {
                c.at(key("actions"), |c| c.list_of(v, Checker::string))
            })
        })?;
    }
    // Deposed objects repeat the address of the current one; a resource the
    // plan only deletes will not exist after apply: neither is judged.
    let actions = body
        .and_then(|b| b.actions.as_ref())
        .and_then(Json::as_array);
    let delete_only = actions.is_some_and(|a| a.len() == 1 && a[0] == "delete");
    if change.deposed.is_some() || delete_only {
        let address = change.address.as_ref().and_then(Json::as_str);
        return Ok(Change::Gone(address.map(str::to_string)));
    }
    let values = match body {
        None => InstanceValues::Marked {
            values: None,
            unknown: None,
            sensitive: None,
            actions: Vec::new(),
        },
        Some(b) => {
            // Only the side the loader reads is parsed: `before` matters only for deletions.
            let deleting = b.after.is_none_or(|a| a.get() == "null");
            let (side, vals, unknown, sensitive) = if deleting {
                ("before", b.before, None, b.before_sensitive)
            } else {
                ("after", b.after, b.after_unknown, b.after_sensitive)
            };
            let field = |name: &str| -> Vec<Seg> {
                let mut at = prefix.to_vec();
                at.extend([key("change"), key(name)]);
                at
            };
            if let Some(v) = vals {
                // A resource's values are an object (the attributes); inside, anything.
                src.raw_is(v, &field(side), &[check::OBJECT])?;
            }
            // A wrong type in a marks shape is an error rather than "not
            // sensitive": a sensitive value must not print because its mark
            // was malformed.
            let marks = |raw: Option<&RawValue>, name: &str| -> Result<Option<Value>> {
                let Some(raw) = raw else { return Ok(None) };
                let marks: Value = serde_json::from_str(raw.get()).map_err(unreadable)?;
                if marks != Value::Null && !marks_only(&marks) {
                    // Parsed again only to say where: the common case is one parse.
                    let json: Json = serde_json::from_str(raw.get()).map_err(unreadable)?;
                    src.check(raw.get(), &field(name), &json, Checker::marks)?;
                }
                Ok(Some(marks).filter(|m| *m != Value::Null))
            };
            let sensitive_name = if deleting {
                "before_sensitive"
            } else {
                "after_sensitive"
            };
            InstanceValues::Marked {
                values: vals
                    .map(|r| serde_json::from_str::<Value>(r.get()))
                    .transpose()
                    .map_err(unreadable)?,
                unknown: marks(unknown, "after_unknown")?,
                sensitive: marks(sensitive, sensitive_name)?,
                actions: b
                    .actions
                    .as_ref()
                    .and_then(Json::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|a| a.as_str().map(str::to_string))
                    .collect(),
            }
        }
    };
    Ok(match instance(plan, path, &head, values) {
        Some(res) => Change::Lands(res),
        None => Change::Skipped,
    })
}

fn instance(plan: &Plan, path: &Path, obj: &Json, values: InstanceValues) -> Option<Resource> {
    let address = obj.get("address")?.as_str()?.to_string();
    let mode = match obj.get("mode").and_then(Json::as_str) {
        Some("data") => Mode::Data,
        Some("managed") | None => Mode::Managed,
        // Ephemeral resources exist only during a run; nothing lands anywhere.
        Some(_) => return None,
    };
    let r#type = obj.get("type")?.as_str()?.to_string();
    let name = obj.get("name")?.as_str()?.to_string();
    let module = match obj.get("module_address").and_then(Json::as_str) {
        Some(m) => m.to_string(),
        None => module_of_address(&address),
    };
    let module_path = address::module_config_path(&module);
    let index = match obj.get("index") {
        Some(Json::Number(n)) => n.as_i64().map(InstanceKey::Int),
        Some(Json::String(s)) => Some(InstanceKey::Str(s.clone())),
        _ => None,
    };
    let local_address = if mode == Mode::Data {
        format!("data.{type}.{name}")
    } else {
        format!("{type}.{name}")
    };
    let config = plan
        .modules
        .get(&module_path)
        .and_then(|m| m.resources.get(local_address.as_str()).copied());

    let (mut attrs, actions) = match values {
        InstanceValues::Marked {
            values,
            unknown,
            sensitive,
            actions,
        } => (
            merge_values(
                values,
                unknown.as_ref(),
                sensitive.as_ref(),
                configured_names(config),
            ),
            actions,
        ),
        InstanceValues::Values(r) => (
            merge_values(
                r.get("values").map(Value::from_json),
                None,
                r.get("sensitive_values").map(Value::from_json).as_ref(),
                None,
            ),
            Vec::new(),
        ),
    };
    // Unknown leaves of `after_unknown` that are absent from `after` become Unknown.
    let mut refs = Vec::new();
    if let Some(exprs) = config
        .and_then(|c| c.get("expressions"))
        .and_then(Json::as_object)
    {
        collect_refs(plan, &module, &module_path, exprs, "", &mut refs);
    }
    refs.sort();
    refs.dedup();
    refs.shrink_to_fit();
    // `after_sensitive: true` marks the whole object: the marks go on its
    // attributes, or the resource would look as if it had none.
    attrs.push_marks_to_leaves();
    let mut attrs_map = match &mut attrs {
        Value::Map(m) => std::mem::take(m),
        _ => Default::default(),
    };
    if let Some(exprs) = config
        .and_then(|c| c.get("expressions"))
        .and_then(Json::as_object)
    {
        align_blocks_with_configuration(&mut attrs_map, exprs);
    }
    // An unknown attribute the configuration does not set is computed by the
    // provider (AWS provider 5's `aws_s3_bucket.region`, a key's default
    // `policy`): for rules it is not set, as in the HCL form.
    if let Some(exprs) = config
        .and_then(|c| c.get("expressions"))
        .and_then(Json::as_object)
    {
        let before = attrs_map.len();
        attrs_map
            .retain(|name, value| *value != Value::Unknown || exprs.contains_key(name.as_str()));
        if attrs_map.len() < before {
            // Kept for the whole run: without the room the dropped entries took.
            attrs_map = crate::model::value::map_from_entries(attrs_map.into_iter().collect());
        }
        // A configured expression whose every input is known at plan time has a
        // known value; if the plan still shows the attribute unknown, that value
        // was null and the provider computes the attribute: it is not set.
        for (name, value) in attrs_map.iter_mut() {
            if *value == Value::Unknown
                && let Some(expr) = exprs.get(name.as_str())
                && inputs_known_at_plan_time(plan, &module_path, expr, 0)
            {
                *value = Value::Null;
            }
        }
    }
    let depends_on = config
        .and_then(|c| c.get("depends_on"))
        .and_then(Json::as_array)
        .into_iter()
        .flatten()
        .filter_map(Json::as_str)
        .map(|d| address::join(&module, d))
        .collect();
    let shared = shared_parts(plan, obj, config, module_path, &local_address);
    Some(Resource {
        address,
        mode,
        r#type,
        name,
        module,
        module_path: shared.module_path,
        index,
        provider: shared.provider,
        attrs: attrs_map,
        refs,
        depends_on,
        derived_attrs: shared.derived_attrs,
        location: Location {
            file: path.to_path_buf(),
            ..Location::default()
        },
        actions,
        placement: Default::default(),
        origin: None,
    })
}

/// The parts of a resource its configuration decides, shared by its instances.
fn shared_parts(
    plan: &Plan,
    obj: &Json,
    config: Option<&Json>,
    module_path: Vec<String>,
    local_address: &str,
) -> SharedParts {
    let provider_name = obj
        .get("provider_name")
        .and_then(Json::as_str)
        .unwrap_or_default();
    let key = (
        module_path,
        local_address.to_string(),
        provider_name.to_string(),
    );
    let mut shared = plan.shared.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(parts) = shared.get(&key) {
        return parts.clone();
    }
    let module_path: Arc<[String]> = key.0.clone().into();
    let mut provider = provider_ref(plan, obj, config, &key.0);
    if provider.scope[..] == module_path[..] {
        provider.scope = module_path.clone();
    }
    let derived_attrs = config
        .and_then(|c| c.get("expressions"))
        .and_then(Json::as_object)
        .map(|exprs| {
            exprs
                .iter()
                .filter(|(_, e)| e.to_string().contains("\"references\""))
                .map(|(k, _)| k.clone())
                .collect()
        })
        .unwrap_or_default();
    let parts = SharedParts {
        module_path,
        provider: Arc::new(provider),
        derived_attrs,
    };
    shared.insert(key, parts.clone());
    parts
}

/// The module instance address that contains a resource address (state JSON has no `module_address`).
fn module_of_address(address: &str) -> String {
    let Some(segs) = address::segments(address) else {
        return String::new();
    };
    let mut end = 0;
    let mut i = 0;
    while i + 1 < segs.len() && segs[i] == Segment::Name("module".into()) {
        i += 2;
        if let Some(Segment::Index(_)) = segs.get(i) {
            i += 1;
        }
        end = i;
    }
    address::render(&segs[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(json: Json) -> Value {
        Value::from_json(&json)
    }

    #[test]
    fn marks_that_do_not_mirror_the_value_make_it_sensitive() {
        let after = value(serde_json::json!({
            "password": "hunter2", "tags": ["a"], "name": "ok", "list": [{"k": "v"}]
        }));
        let marks = value(serde_json::json!({
            "password": {"x": true}, "tags": {"0": true}, "name": {}, "list": [{"k": false}]
        }));
        let merged = merge_values(Some(after), None, Some(&marks), None);
        let sensitive = |key: &str| matches!(merged.get(key), Some(Value::Sensitive(_)));
        assert!(sensitive("password"), "{merged:?}");
        assert!(sensitive("tags"), "{merged:?}");
        // Marks that mirror the value, or say nothing, mark nothing.
        assert!(!sensitive("name"), "{merged:?}");
        assert!(!sensitive("list"), "{merged:?}");
    }
}
