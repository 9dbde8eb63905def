//! Template values evaluated where they are decidable: parameters (values
//! given, else defaults), pseudo parameters (when given), mappings,
//! conditions, and the string functions. `Ref` to a resource and `Fn::GetAtt`
//! stay references, never guessed: the value is unknown (or a `${...}` part of
//! a partial text, as `model::Value::Partial` keeps Terraform's) and the
//! reference is listed.

use super::{CfnValue, Template};
use crate::model::Value;
use crate::model::value::{Key, map_from_entries};
use base64::Engine;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

/// Conditions may name conditions; a cycle, or a chain longer than this, is unknown.
const MAX_CONDITION_DEPTH: usize = 32;

/// The work one evaluator may do: a value evaluated costs one unit, text it
/// builds one unit per `TEXT_BYTES_PER_UNIT` bytes. `Fn::Sub` variables are
/// evaluated at each use, so a small template nesting `${A}${A}...` three
/// deep asks for billions of copies; real templates stay far below.
const MAX_EVAL_UNITS: usize = 50_000_000;
/// So at most 200 MB of built text in all.
const TEXT_BYTES_PER_UNIT: usize = 4;
/// The longest text one function may build (CloudFormation's own limit on
/// a template is 1 MB).
const MAX_TEXT_BYTES: usize = 16 << 20;

/// A resource a value refers to: `Ref` (no attribute) or `Fn::GetAtt`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Reference {
    pub logical_id: String,
    pub attribute: Option<String>,
    /// Another stack of the cloud assembly (its address prefix, `Primary`)
    /// when the resource is there: reached through an export, a stack output
    /// or CDK's cross-region references. `None`: this template's own.
    pub stack: Option<String>,
}

impl Reference {
    fn local(logical_id: &str, attribute: Option<String>) -> Reference {
        Reference {
            logical_id: logical_id.to_string(),
            attribute,
            stack: None,
        }
    }
}

/// A value another stack of a cloud assembly makes available to this one:
/// as that stack evaluates it, with the references it makes there.
#[derive(Debug, Clone, PartialEq)]
pub struct Shared {
    pub value: Value,
    /// Each with `stack` set to the producing stack.
    pub references: Vec<Reference>,
    /// The producing stack's region (`None`: unknown).
    pub region: Option<String>,
    /// The producing stack, as a reader's value names it (`Shared`).
    pub from: String,
    /// The producer may be in another region or account than every reader
    /// (a stack set's holding template): its `${AWS::Region}` and
    /// `${AWS::AccountId}` are not the reader's own.
    pub elsewhere: bool,
}

/// What the stacks of one cloud assembly share, by the ways a template reads it.
#[derive(Debug, Default)]
pub struct Links {
    /// `Outputs.X.Export.Name` → the output, once per exporting stack (exports
    /// are regional: one name may be exported in several regions).
    pub exports: HashMap<String, Vec<Shared>>,
    /// (stack name, output logical ID) → the output: `Fn::GetStackOutput`.
    pub outputs: HashMap<(String, String), Shared>,
    /// CDK's `crossRegionReferences`: the SSM parameter name a
    /// `Custom::CrossRegionExportWriter` writes → the value written there, as
    /// the consumer's `Custom::CrossRegionExportReader` attribute of that name reads it.
    pub cdk_exports: HashMap<String, Shared>,
    /// (nested stack, parameter) → what its parent passes in the
    /// `AWS::CloudFormation::Stack` resource's `Parameters`.
    pub parameters: HashMap<(String, String), Shared>,
}

/// A nested stack's resource in its parent: `Fn::GetAtt [It, Outputs.X]` reads its outputs.
const NESTED_STACK: &str = "AWS::CloudFormation::Stack";

/// CDK's reader of the values `crossRegionReferences` writes to SSM parameters.
pub const CDK_EXPORT_READER: &str = "Custom::CrossRegionExportReader";
/// Its writer, in the producing stack.
pub const CDK_EXPORT_WRITER: &str = "Custom::CrossRegionExportWriter";

#[derive(Debug, Clone, PartialEq)]
pub struct Evaluated {
    pub value: Value,
    pub references: Vec<Reference>,
}

pub struct Evaluator<'t> {
    template: &'t Template,
    /// `--parameter NAME=VALUE` values, over the defaults.
    parameters: &'t BTreeMap<String, String>,
    /// `AWS::Region`, `AWS::AccountId`...: unknown when not given.
    pseudo: &'t BTreeMap<String, String>,
    /// Each condition decided once: conditions naming conditions would
    /// otherwise cost exponential time (`C2: !And [C1, C1]`, `C3: !And [C2, C2]`...).
    decided: RefCell<HashMap<String, Option<bool>>>,
    /// The other stacks of a cloud assembly: imports and cross-stack
    /// references resolve there. `None` for a template given by itself.
    links: Option<&'t Links>,
    /// This stack's id in the assembly (`Parent`, `Parent/Nested`).
    stack: &'t str,
    /// Units of `MAX_EVAL_UNITS` spent; past it, every value is unknown
    /// and `exhausted` says so, for the caller to refuse the template.
    spent: std::cell::Cell<usize>,
}

impl<'t> Evaluator<'t> {
    pub fn new(
        template: &'t Template,
        parameters: &'t BTreeMap<String, String>,
        pseudo: &'t BTreeMap<String, String>,
    ) -> Self {
        Evaluator {
            template,
            parameters,
            pseudo,
            decided: RefCell::default(),
            links: None,
            stack: "",
            spent: std::cell::Cell::new(0),
        }
    }

    /// Whether evaluation ran out of its budget (`MAX_EVAL_UNITS`): values
    /// since are unknown, so the template must not be judged.
    pub fn exhausted(&self) -> bool {
        self.spent.get() > MAX_EVAL_UNITS
    }

    /// Charges `units`; false once the budget is spent.
    fn charge(&self, units: usize) -> bool {
        self.spent.set(self.spent.get().saturating_add(units));
        !self.exhausted()
    }

    /// Spends the whole budget: a text past `MAX_TEXT_BYTES` was asked for.
    fn too_large(&self) -> Value {
        self.spent.set(MAX_EVAL_UNITS + 1);
        Value::Unknown
    }

    /// A built text, charged for its length: unknown past the budget.
    fn built(&self, value: Value) -> Value {
        let len = match value.unmarked() {
            Value::String(s) | Value::Partial(s) => s.len(),
            Value::List(items) => items.len(),
            _ => 0,
        };
        if self.charge(len / TEXT_BYTES_PER_UNIT) {
            value
        } else {
            Value::Unknown
        }
    }

    /// The evaluator of `stack` of a cloud assembly whose other stacks share `links`.
    pub fn with_links(mut self, links: &'t Links, stack: &'t str) -> Self {
        self.links = Some(links);
        self.stack = stack;
        self
    }

    /// The value with the references it makes (sorted, each once).
    pub fn evaluate(&self, value: &CfnValue) -> Evaluated {
        self.evaluate_member(value).unwrap_or(Evaluated {
            value: Value::Null,
            references: Vec::new(),
        })
    }

    /// As `evaluate`, but `None` where the value is `AWS::NoValue`: the
    /// member holding it is absent.
    pub fn evaluate_member(&self, value: &CfnValue) -> Option<Evaluated> {
        let mut references = Vec::new();
        let value = self.eval(value, &mut references, 0)?;
        references.sort();
        references.dedup();
        Some(Evaluated { value, references })
    }

    /// A named condition: `None` when it is not decidable (or not defined).
    pub fn condition(&self, name: &str) -> Option<bool> {
        self.condition_at(name, 0)
    }

    fn condition_at(&self, name: &str, depth: usize) -> Option<bool> {
        if depth > MAX_CONDITION_DEPTH {
            return None;
        }
        if let Some(known) = self.decided.borrow().get(name) {
            return *known;
        }
        let expr = self.template.conditions.get(name)?;
        // Undecided while it is worked out: a condition naming itself is unknown.
        self.decided.borrow_mut().insert(name.to_string(), None);
        let decided = self
            .eval(expr, &mut Vec::new(), depth + 1)
            .and_then(|v| v.as_bool());
        self.decided.borrow_mut().insert(name.to_string(), decided);
        decided
    }

    /// `None` is `AWS::NoValue`: the member holding it is removed.
    fn eval(&self, v: &CfnValue, refs: &mut Vec<Reference>, depth: usize) -> Option<Value> {
        if !self.charge(1) {
            return Some(Value::Unknown);
        }
        Some(match v {
            CfnValue::Null => Value::Null,
            CfnValue::Bool(b) => Value::Bool(*b),
            CfnValue::Number(n) => Value::Number(*n),
            CfnValue::String(s) => Value::String(s.clone()),
            CfnValue::List(items) => Value::List(
                items
                    .iter()
                    .filter_map(|i| self.eval(i, refs, depth))
                    .collect(),
            ),
            CfnValue::Map(map) => Value::Map(map_from_entries(
                map.iter()
                    .filter_map(|(k, v)| Some((Key::from(k.as_str()), self.eval(v, refs, depth)?)))
                    .collect(),
            )),
            CfnValue::Intrinsic { name, arg } => return self.call(name, arg, refs, depth),
        })
    }

    fn call(
        &self,
        name: &str,
        arg: &CfnValue,
        refs: &mut Vec<Reference>,
        depth: usize,
    ) -> Option<Value> {
        let args: &[CfnValue] = match arg {
            CfnValue::List(items) => items,
            other => std::slice::from_ref(other),
        };
        let known_text = |v: &CfnValue, refs: &mut Vec<Reference>| {
            self.eval(v, refs, depth).and_then(|v| scalar_text(&v))
        };
        Some(match name {
            "Ref" => return self.reference(arg.as_str().unwrap_or_default(), refs),
            "Condition" => opt_bool(self.condition_at(arg.as_str().unwrap_or_default(), depth)),
            "Fn::GetAtt" => {
                let id = args.first().and_then(CfnValue::as_str).unwrap_or_default();
                let attribute = args.get(1).and_then(|a| known_text(a, refs));
                if let Some((shared, elsewhere)) = self.linked_attribute(id, attribute.as_deref()) {
                    return Some(self.shared(shared, elsewhere, refs));
                }
                refs.push(Reference::local(id, attribute));
                Value::Unknown
            }
            "Fn::ImportValue" => {
                let name = known_text(arg, refs);
                // Exports are regional and of one account: the exporter's own are the importer's.
                match name.and_then(|n| self.export(&n)) {
                    Some(shared) => self.shared(shared, false, refs),
                    None => Value::Unknown,
                }
            }
            // Another stack, perhaps in another region.
            "Fn::GetStackOutput" => match self.stack_output(arg, refs, depth) {
                Some(shared) => self.shared(shared, true, refs),
                None => Value::Unknown,
            },
            "Fn::If" => {
                let [cond, yes, no] = args else {
                    return Some(Value::Unknown);
                };
                match self.condition_at(cond.as_str().unwrap_or_default(), depth) {
                    Some(true) => return self.eval(yes, refs, depth),
                    Some(false) => return self.eval(no, refs, depth),
                    None => {
                        // Either branch may be taken: both branches' references count.
                        self.eval(yes, refs, depth);
                        self.eval(no, refs, depth);
                        Value::Unknown
                    }
                }
            }
            "Fn::Equals" => {
                let [a, b] = args else {
                    return Some(Value::Unknown);
                };
                match (known_text(a, refs), known_text(b, refs)) {
                    (Some(a), Some(b)) => Value::Bool(a == b),
                    _ => Value::Unknown,
                }
            }
            "Fn::And" | "Fn::Or" => {
                let decisive = name == "Fn::Or";
                let mut undecided = false;
                for a in args {
                    match self.eval(a, refs, depth).and_then(|v| v.as_bool()) {
                        Some(b) if b == decisive => return Some(Value::Bool(decisive)),
                        Some(_) => {}
                        None => undecided = true,
                    }
                }
                if undecided {
                    Value::Unknown
                } else {
                    Value::Bool(!decisive)
                }
            }
            "Fn::Not" => match args
                .first()
                .and_then(|a| self.eval(a, refs, depth)?.as_bool())
            {
                Some(b) => Value::Bool(!b),
                None => Value::Unknown,
            },
            "Fn::FindInMap" => self.find_in_map(args, refs, depth),
            "Fn::Join" => {
                let [delimiter, list] = args else {
                    return Some(Value::Unknown);
                };
                let delimiter = delimiter.as_str().unwrap_or_default();
                let pieces: Vec<Option<Piece>> = match list {
                    CfnValue::List(items) => items
                        .iter()
                        .filter_map(|i| Some(piece(i, &self.eval(i, refs, depth)?)))
                        .collect(),
                    other => match self.eval(other, refs, depth) {
                        Some(Value::List(items)) => {
                            items.iter().map(|v| piece(&CfnValue::Null, v)).collect()
                        }
                        _ => return Some(Value::Unknown),
                    },
                };
                let total = pieces
                    .iter()
                    .flatten()
                    .map(|p| p.text.len() + delimiter.len());
                if total.sum::<usize>() > MAX_TEXT_BYTES {
                    return Some(self.too_large());
                }
                self.built(joined(pieces, delimiter))
            }
            "Fn::Select" => {
                let [index, list] = args else {
                    return Some(Value::Unknown);
                };
                let index = self.eval(index, refs, depth).and_then(|i| i.as_f64());
                match (index, self.eval(list, refs, depth)) {
                    (Some(i), Some(Value::List(items))) if i >= 0.0 && i.fract() == 0.0 => {
                        items.into_iter().nth(i as usize).unwrap_or(Value::Unknown)
                    }
                    _ => Value::Unknown,
                }
            }
            "Fn::Split" => {
                let [delimiter, source] = args else {
                    return Some(Value::Unknown);
                };
                let source = self.eval(source, refs, depth);
                match (delimiter.as_str(), source.as_ref().and_then(scalar_text)) {
                    (Some(d), Some(s)) if !d.is_empty() => self.built(marked(
                        source.as_ref().is_some_and(Value::has_sensitive),
                        Value::List(s.split(d).map(|p| Value::String(p.to_string())).collect()),
                    )),
                    _ => Value::Unknown,
                }
            }
            "Fn::Sub" => {
                let value = self.sub(args, refs, depth);
                self.built(value)
            }
            "Fn::Base64" => {
                let source = self.eval(arg, refs, depth);
                match source.as_ref().and_then(scalar_text) {
                    Some(s) => self.built(marked(
                        source.as_ref().is_some_and(Value::has_sensitive),
                        Value::String(base64::engine::general_purpose::STANDARD.encode(s)),
                    )),
                    None => Value::Unknown,
                }
            }
            // Decided at deploy time (GetAZs, Cidr, macros):
            // unknown, with the references their arguments make.
            _ => {
                self.eval(arg, refs, depth);
                Value::Unknown
            }
        })
    }

    fn reference(&self, name: &str, refs: &mut Vec<Reference>) -> Option<Value> {
        if name == "AWS::NoValue" {
            return None;
        }
        if name.starts_with("AWS::") {
            return Some(
                self.pseudo
                    .get(name)
                    .map_or(Value::Unknown, |v| Value::String(v.clone())),
            );
        }
        if let Some(param) = self.template.parameters.get(name) {
            if let Some(passed) = self.links.and_then(|l| {
                l.parameters
                    .get(&(self.stack.to_string(), name.to_string()))
            }) {
                // What a parent passes is read as the parameter's type, and
                // stays hidden where the nested template says `NoEcho`.
                let value = typed(&param.r#type, self.shared(passed, false, refs));
                let hidden = param.no_echo && !matches!(value, Value::Sensitive(_));
                return Some(marked(hidden, value));
            }
            // SSM parameter types hold a parameter store name, not the value.
            let value = if param.r#type.starts_with("AWS::SSM::Parameter::Value") {
                Value::Unknown
            } else if let Some(given) = self.parameters.get(name) {
                typed(&param.r#type, Value::String(given.clone()))
            } else if let Some(default) = &param.default {
                typed(&param.r#type, literal(default))
            } else {
                Value::Unknown
            };
            return Some(if param.no_echo {
                Value::Sensitive(Box::new(value))
            } else {
                value
            });
        }
        if self.template.resource(name).is_some() {
            refs.push(Reference::local(name, None));
        }
        Some(Value::Unknown)
    }

    /// A shared value: its references counted here. From `elsewhere` (or a
    /// producer that says so), the producer's own region and account written
    /// as such (`${AWS::Region}`) are named as its, not read as this stack's:
    /// an unknown is no evidence that two stacks share a region.
    fn shared(&self, shared: &Shared, elsewhere: bool, refs: &mut Vec<Reference>) -> Value {
        refs.extend(shared.references.iter().cloned());
        if elsewhere || shared.elsewhere {
            return theirs(&shared.value, &shared.from);
        }
        shared.value.clone()
    }

    /// The export named `name`: the one made in this stack's region, else
    /// (a deploy that fails: exports are regional) the one made elsewhere,
    /// whose references then cross regions. A region not known matches any.
    fn export(&self, name: &str) -> Option<&'t Shared> {
        let candidates = self.links?.exports.get(name)?;
        let here = self.pseudo.get("AWS::Region");
        let same = |s: &&Shared| match (here, &s.region) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        // Several stacks exporting one name where it resolves: which one is not known.
        let matching: Vec<&Shared> = candidates.iter().filter(same).collect();
        match matching.as_slice() {
            [one] => Some(one),
            [] if candidates.len() == 1 => candidates.first(),
            _ => None,
        }
    }

    /// `Fn::GetStackOutput {StackName, OutputName, Region}`: CDK's weak
    /// cross-stack references read another stack's plain output.
    fn stack_output(
        &self,
        arg: &CfnValue,
        refs: &mut Vec<Reference>,
        depth: usize,
    ) -> Option<&'t Shared> {
        let links = self.links?;
        let args = arg.as_map()?;
        let mut text = |key: &str| {
            args.get(key)
                .and_then(|v| self.eval(v, refs, depth))
                .and_then(|v| scalar_text(&v))
        };
        let stack = text("StackName")?;
        let output = text("OutputName")?;
        let shared = links.outputs.get(&(stack, output))?;
        // A region named must be the producer's: another stack of that name may exist there.
        match (text("Region"), &shared.region) {
            (Some(asked), Some(there)) if &asked != there => None,
            _ => Some(shared),
        }
    }

    /// `Fn::GetAtt [Reader, /cdk/exports/...]` of CDK's cross-region export
    /// reader: the value the producing stack's writer put in that parameter.
    /// Also `Fn::GetAtt [NestedStack, Outputs.X]`: the nested stack's output.
    /// With whether the producer may be elsewhere (CDK's reader reads across
    /// regions; a nested stack is in its parent's region and account).
    fn linked_attribute(&self, id: &str, attribute: Option<&str>) -> Option<(&'t Shared, bool)> {
        let links = self.links?;
        let resource = self.template.resource(id)?;
        match resource.r#type.as_str() {
            CDK_EXPORT_READER => Some((links.cdk_exports.get(attribute?)?, true)),
            NESTED_STACK => {
                let output = attribute?.strip_prefix("Outputs.")?;
                let nested = format!("{}/{id}", self.stack);
                Some((links.outputs.get(&(nested, output.to_string()))?, false))
            }
            _ => None,
        }
    }

    fn find_in_map(&self, args: &[CfnValue], refs: &mut Vec<Reference>, depth: usize) -> Value {
        let mut keys = Vec::new();
        for a in args.iter().take(3) {
            match self.eval(a, refs, depth).as_ref().and_then(scalar_text) {
                Some(k) => keys.push(k),
                None => return Value::Unknown,
            }
        }
        let [map, top, second] = keys.as_slice() else {
            return Value::Unknown;
        };
        let found = self
            .template
            .mappings
            .get(map)
            .and_then(CfnValue::as_map)
            .and_then(|m| m.get(top))
            .and_then(CfnValue::as_map)
            .and_then(|m| m.get(second));
        // The optional fourth argument: `{DefaultValue: ...}`.
        let default = args
            .get(3)
            .and_then(CfnValue::as_map)
            .and_then(|m| m.get("DefaultValue"));
        match found.or(default) {
            Some(v) => literal(v),
            None => Value::Unknown,
        }
    }

    /// `Fn::Sub`: `${Name}`, `${AWS::Region}`, `${Res.Attr}`, `${!Literal}`;
    /// unresolved variables stay as their `${...}` text.
    fn sub(&self, args: &[CfnValue], refs: &mut Vec<Reference>, depth: usize) -> Value {
        let Some(text) = args.first().and_then(CfnValue::as_str) else {
            return Value::Unknown;
        };
        let variables = args.get(1).and_then(CfnValue::as_map);
        let mut out = String::new();
        let mut partial = false;
        let mut sensitive = false;
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else {
                out.push_str(&rest[start..]);
                rest = "";
                break;
            };
            let name = &after[..end];
            rest = &after[end + 1..];
            if let Some(literal) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(literal);
                out.push('}');
                continue;
            }
            let name = name.trim();
            if out.len() > MAX_TEXT_BYTES {
                return self.too_large();
            }
            let value = match variables.and_then(|v| v.get(name)) {
                Some(v) => self.eval(v, refs, depth),
                None => match name.split_once('.') {
                    Some((id, attr)) if !id.starts_with("AWS::") => {
                        match self.linked_attribute(id, Some(attr)) {
                            Some((shared, elsewhere)) => Some(self.shared(shared, elsewhere, refs)),
                            None => {
                                refs.push(Reference::local(id, Some(attr.to_string())));
                                Some(Value::Unknown)
                            }
                        }
                    }
                    _ => self.reference(name, refs),
                },
            };
            sensitive |= value.as_ref().is_some_and(Value::has_sensitive);
            match value.as_ref().map(|v| (v.unmarked(), scalar_text(v))) {
                Some((_, Some(text))) => out.push_str(&text),
                Some((Value::Partial(text), None)) => {
                    partial = true;
                    out.push_str(text);
                }
                _ => {
                    partial = true;
                    out.push_str("${");
                    out.push_str(name);
                    out.push('}');
                }
            }
        }
        out.push_str(rest);
        marked(
            sensitive,
            if partial {
                Value::Partial(out)
            } else {
                Value::String(out)
            },
        )
    }
}

/// The `${...}` text of a reference, as `Fn::Sub` would write it.
fn placeholder(written: &CfnValue) -> Option<String> {
    let CfnValue::Intrinsic { name, arg } = written else {
        return None;
    };
    match (name.as_str(), arg.as_ref()) {
        ("Ref", CfnValue::String(id)) => Some(format!("${{{id}}}")),
        ("Fn::GetAtt", CfnValue::List(items)) => match items.as_slice() {
            [CfnValue::String(id), CfnValue::String(attr)] => Some(format!("${{{id}.{attr}}}")),
            _ => None,
        },
        _ => None,
    }
}

/// One element of `Fn::Join`: its text, whether that text has `${...}` parts
/// standing for unknown values, and whether it is sensitive.
struct Piece {
    text: String,
    partial: bool,
    sensitive: bool,
}

/// A joined element: known, partial, or the `${...}` of a reference.
fn piece(written: &CfnValue, value: &Value) -> Option<Piece> {
    let sensitive = value.has_sensitive();
    if let Some(text) = scalar_text(value) {
        return Some(Piece {
            text,
            partial: false,
            sensitive,
        });
    }
    let text = match value.unmarked() {
        Value::Partial(text) => text.clone(),
        _ => placeholder(written)?,
    };
    Some(Piece {
        text,
        partial: true,
        sensitive,
    })
}

/// Joined pieces: known text, or partial with the `${...}` parts; unknown when
/// a piece has no text at all.
fn joined(pieces: Vec<Option<Piece>>, delimiter: &str) -> Value {
    let (mut partial, mut sensitive) = (false, false);
    let mut texts = Vec::with_capacity(pieces.len());
    for p in pieces {
        let Some(p) = p else { return Value::Unknown };
        partial |= p.partial;
        sensitive |= p.sensitive;
        texts.push(p.text);
    }
    let text = texts.join(delimiter);
    marked(
        sensitive,
        if partial {
            Value::Partial(text)
        } else {
            Value::String(text)
        },
    )
}

/// Pseudo parameters a value names as "where this stack is"
/// (`region::of_arn_in`, `model::is_own_account`).
const OWN_PSEUDO: [&str; 2] = ["AWS::Region", "AWS::AccountId"];

/// `value` as another stack reads it: its `${AWS::Region}` and
/// `${AWS::AccountId}` become `${from:AWS::Region}`, the producer's.
fn theirs(value: &Value, from: &str) -> Value {
    match value {
        Value::Partial(text) => {
            let mut text = text.clone();
            for pseudo in OWN_PSEUDO {
                text = text.replace(&format!("${{{pseudo}}}"), &format!("${{{from}:{pseudo}}}"));
            }
            Value::Partial(text)
        }
        Value::Sensitive(inner) => Value::Sensitive(Box::new(theirs(inner, from))),
        Value::List(items) => Value::List(items.iter().map(|v| theirs(v, from)).collect()),
        Value::Map(map) => Value::Map(map_from_entries(
            map.iter()
                .map(|(k, v)| (k.clone(), theirs(v, from)))
                .collect(),
        )),
        other => other.clone(),
    }
}

fn marked(sensitive: bool, value: Value) -> Value {
    if sensitive {
        Value::Sensitive(Box::new(value))
    } else {
        value
    }
}

/// A known scalar as CloudFormation turns it into text.
fn scalar_text(v: &Value) -> Option<String> {
    match v.unmarked() {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A value CloudFormation requires to be literal (a parameter's default, a
/// mapping's value): a function there is unknown, and never evaluated, so
/// `Default: !Ref Self` cannot loop.
fn literal(v: &CfnValue) -> Value {
    match v {
        CfnValue::Null => Value::Null,
        CfnValue::Bool(b) => Value::Bool(*b),
        CfnValue::Number(n) => Value::Number(*n),
        CfnValue::String(s) => Value::String(s.clone()),
        CfnValue::List(items) => Value::List(items.iter().map(literal).collect()),
        CfnValue::Map(map) => Value::Map(map_from_entries(
            map.iter()
                .map(|(k, v)| (Key::from(k.as_str()), literal(v)))
                .collect(),
        )),
        CfnValue::Intrinsic { .. } => Value::Unknown,
    }
}

fn opt_bool(b: Option<bool>) -> Value {
    b.map_or(Value::Unknown, Value::Bool)
}

/// A parameter's value as its type reads it: list types split at commas.
fn typed(r#type: &str, value: Value) -> Value {
    let is_list = r#type == "CommaDelimitedList" || r#type.starts_with("List<");
    match value {
        Value::String(s) if is_list => Value::List(
            s.split(',')
                .map(|p| Value::String(p.trim().to_string()))
                .collect(),
        ),
        other => other,
    }
}
