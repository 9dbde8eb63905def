//! The one resource model every loader translates into and every rule reads.

pub mod value;

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use value::Text;
pub use value::Value;

/// Which kind of input a model was loaded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Plan,
    State,
    Hcl,
    TfJson,
    Cdktf,
    CloudFormation,
}

impl InputKind {
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Plan => "plan",
            InputKind::State => "state",
            InputKind::Hcl => "hcl",
            InputKind::TfJson => "terraform-json",
            InputKind::Cdktf => "cdktf",
            InputKind::CloudFormation => "cloudformation",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mode {
    Managed,
    Data,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Managed => "managed",
            Mode::Data => "data",
        }
    }
}

/// Where the user should look: a source line, a CDKTF construct, or a plan entry.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Location {
    pub file: PathBuf,
    pub line: Option<u32>,
    pub column: Option<u32>,
    /// CDKTF construct path from the `//` metadata (`TapStack/Backup-KMS-Key`).
    pub construct_path: Option<String>,
    /// Last line of the block (HCL), for suppression comments inside it.
    pub end_line: Option<u32>,
}

/// `# tfward:ignore:<rule-id> <reason> [exp:YYYY-MM-DD]` in a source file, a
/// `tfward:ignore:<rule-id>` tag, or CDKTF `//` metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct Suppression {
    pub rule: String,
    pub reason: String,
    /// `YYYY-MM-DD`: the suppression stops applying after this day.
    pub expires: Option<String>,
    pub file: PathBuf,
    /// The comment's line; `None` for tags and metadata, which name their resource.
    pub line: Option<u32>,
    /// The resource a tag or metadata entry belongs to.
    pub address: Option<String>,
}

impl Suppression {
    /// Parses `<rule-id> <reason...> [exp:YYYY-MM-DD]` after `tfward:ignore:`.
    pub fn parse(
        text: &str,
        file: PathBuf,
        line: Option<u32>,
        address: Option<String>,
    ) -> Option<Suppression> {
        let mut words = text.split_whitespace();
        let rule = words.next()?.to_string();
        let mut reason = Vec::new();
        let mut expires = None;
        for w in words {
            match w.strip_prefix("exp:") {
                Some(date) => expires = Some(date.to_string()),
                None => reason.push(w),
            }
        }
        Some(Suppression {
            rule,
            reason: reason.join(" "),
            expires,
            file,
            line,
            address,
        })
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        Ok(())
    }
}

/// A provider configuration reference as written in a module: `aws`, `aws.dr`,
/// resolved in the module `scope` (configuration path of call names).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProviderRef {
    pub name: String,
    pub alias: Option<String>,
    pub scope: Arc<[String]>,
    /// Why the loader chose this reference (the `provider` argument, an implied default, a plan key).
    pub origin: String,
}

impl ProviderRef {
    /// `aws` or `aws.dr`, as written inside a module.
    pub fn local_key(&self) -> String {
        provider_local_key(&self.name, self.alias.as_deref())
    }
}

pub fn provider_local_key(name: &str, alias: Option<&str>) -> String {
    match alias {
        Some(alias) => format!("{name}.{alias}"),
        None => name.to_string(),
    }
}

/// Terraform's key of a configuration: `aws.dr` in the root, `module.a.module.b:aws` below it.
pub fn provider_config_key(scope: &[String], name: &str, alias: Option<&str>) -> String {
    let local = provider_local_key(name, alias);
    if scope.is_empty() {
        local
    } else {
        format!("{}:{local}", module_config_address(scope))
    }
}

/// `module.a.module.b` for the configuration path `[a, b]`.
pub fn module_config_address(scope: &[String]) -> String {
    scope
        .iter()
        .map(|call| format!("module.{call}"))
        .collect::<Vec<_>>()
        .join(".")
}

/// A provider configuration: a `provider` block, or a plan's `provider_config` entry.
#[derive(Debug, Clone)]
pub struct ProviderConfig {
    pub scope: Vec<String>,
    pub name: String,
    pub alias: Option<String>,
    /// Source address (`registry.terraform.io/hashicorp/aws`), when the input says.
    pub source: Option<String>,
    /// The `region` argument: `None` when absent (the environment decides at run time).
    pub region: Option<Value>,
    /// How the region value was obtained (`var.region`, set in `terraform.tfvars`).
    pub region_origin: String,
    /// False for a plan entry that only records a requirement: no block, so the
    /// configuration is inherited from the parent module.
    pub is_block: bool,
    /// `default_tags { tags = {...} }`, merged into every resource's tags.
    pub default_tags: Value,
    /// Stands for every instance of an OpenTofu `for_each` configuration the
    /// input does not expand (a plan records one entry; keys not known): the
    /// instances may differ in region, so no one resource's read settles it.
    pub unexpanded_instances: bool,
    /// The `assume_role` role ARN (or its expression): another value means another account.
    pub account_hint: Option<String>,
    pub location: Option<Location>,
}

impl ProviderConfig {
    pub fn key(&self) -> String {
        provider_config_key(&self.scope, &self.name, self.alias.as_deref())
    }
}

/// `providers = { <child key> = <parent key> }` of a module call, as pairs.
pub type ProviderPassing = Vec<(String, String)>;

/// A module call's provider passing, by configuration path.
#[derive(Debug, Clone)]
pub struct ModuleInfo {
    /// Configuration path (call names) of the module this call creates.
    pub path: Vec<String>,
    pub source: String,
    /// `providers = { <child key> = <parent key> }`; `None` when the input does not record it (plan JSON).
    pub providers: Option<ProviderPassing>,
    /// Passing that differs per module instance (OpenTofu, `aws = aws.cell[each.key]`):
    /// the whole `providers` map of each instance, by module instance address.
    pub instance_providers: BTreeMap<String, ProviderPassing>,
    pub location: Option<Location>,
}

/// The `count` / `for_each` key of a resource instance.
#[derive(Debug, Clone, PartialEq)]
pub enum InstanceKey {
    Int(i64),
    Str(String),
    /// `count` or `for_each` whose value is not known before apply.
    Unknown,
}

impl fmt::Display for InstanceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InstanceKey::Int(i) => write!(f, "[{i}]"),
            InstanceKey::Str(s) => write!(f, "[{}]", serde_json::Value::String(s.clone())),
            InstanceKey::Unknown => f.write_str("[*]"),
        }
    }
}

/// A value of one attribute refers to another resource (directly, or through
/// locals, variables and module outputs).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reference {
    /// Attribute path in the referring resource: `kms_key_id`, `rule.0.copy_action.0.destination_vault_arn`.
    pub attr: String,
    /// Address of the referenced resource, with module instance path; an index
    /// only when the reference names one (`aws_kms_key.k[0]`).
    pub target: String,
    /// The referenced attribute (`arn`), when the input says.
    pub target_attr: Option<String>,
}

/// The region a resource lands in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Region {
    Known(String),
    Global,
    Unknown,
    /// A resource of a provider that has no AWS regions (`random`, `null`, `tls`, ...).
    NotApplicable,
}

impl Region {
    pub fn name(&self) -> Option<&str> {
        match self {
            Region::Known(r) => Some(r),
            _ => None,
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Region::Known(r) => f.write_str(r),
            Region::Global => f.write_str("global"),
            Region::Unknown => f.write_str("unknown"),
            Region::NotApplicable => f.write_str("n/a"),
        }
    }
}

/// The region resolver's answer for one resource: configuration, region, and why.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Placement {
    /// The configuration the resource ends up using (`aws`, `aws.dr`, `module.m:aws`).
    pub provider: String,
    pub region: Region,
    /// The chain of provider / module / variable that decided it.
    pub source: String,
    /// The region came from a value marked sensitive: rules may use it, reports never print it.
    pub sensitive: bool,
    /// Where the resource is managed from: its own region, or for a global
    /// service the region of its provider (CloudFront-scope WAF must be us-east-1).
    pub api_region: Region,
    /// When the region is unknown but shared: the provider configuration
    /// every resource placed through lands in that same region (a
    /// CloudFormation stack's, `aws.dr` whose region is a variable).
    /// `region::same_region` compares by it; nothing prints it.
    pub shared: Option<String>,
}

impl Placement {
    /// The region as messages and reports quote it: `(sensitive)` when it came
    /// from a marked value. The one way tfward prints a resource's region.
    pub fn region_text(&self) -> Text {
        Text::new(self.region.to_string(), self.sensitive)
    }

    /// `region_text`, with `unknown` as the words for a region not known
    /// (`unknown region` reads better in some sentences).
    pub fn region_text_or(&self, unknown: &str) -> Text {
        match self.region {
            Region::Unknown => Text::new(unknown, self.sensitive),
            _ => self.region_text(),
        }
    }
}

impl Default for Placement {
    fn default() -> Self {
        Placement {
            provider: String::new(),
            region: Region::Unknown,
            source: "not resolved".to_string(),
            sensitive: false,
            api_region: Region::Unknown,
            shared: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Resource {
    /// Address as Terraform prints it: `module.m["a"].aws_kms_key.k[0]`.
    pub address: String,
    pub mode: Mode,
    pub r#type: String,
    pub name: String,
    /// Module instance address (`module.m["a"]`), empty in the root module.
    pub module: String,
    /// Module configuration path (call names, no instance keys); shared by the
    /// resources of a module, as `provider`, `derived_attrs` and `placement`
    /// are by the resources that have the same.
    pub module_path: Arc<[String]>,
    pub index: Option<InstanceKey>,
    pub provider: Arc<ProviderRef>,
    pub attrs: value::Map,
    pub refs: Vec<Reference>,
    /// `depends_on` addresses (module-instance qualified).
    pub depends_on: Vec<String>,
    /// Plan input: top-level attributes whose configured expression had references
    /// (to variables, locals, data sources): their planned values are results, not literals.
    pub derived_attrs: Arc<[String]>,
    pub location: Location,
    /// Planned actions (`create`, `update`, `delete`...) for plan input.
    pub actions: Vec<String>,
    /// Filled by the region resolver (`region::place_all`) once the model is loaded.
    pub placement: Arc<Placement>,
    /// A resource lowered from another language (CloudFormation): what it
    /// was there, so reports speak that language. `None` for Terraform.
    pub origin: Option<Arc<Origin>>,
}

/// Where a lowered resource came from: its type in its own language and the
/// property path each attribute was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    /// `AWS::KMS::Key`.
    pub r#type: String,
    /// (attribute path, property path): `("kms_key_id", "Properties.KmsKeyId")`.
    pub properties: Vec<(String, String)>,
    /// What each attribute (or nested block) name is called there, whether
    /// the resource sets it or not: `("enable_key_rotation", "EnableKeyRotation")`.
    pub words: Arc<[(&'static str, &'static str)]>,
}

impl Origin {
    /// A message about the resource, its attribute names said as its own
    /// language says them: inside backquotes, `enable_key_rotation = true`
    /// becomes `EnableKeyRotation: true` and `delete_after` `DeleteAfterDays`.
    /// Prose and names it has no word for stay as they are.
    pub fn speak(&self, message: &str) -> String {
        let one = |attr: &str| {
            self.words
                .iter()
                .find(|(a, _)| *a == attr)
                .map(|(_, w)| (*w).to_string())
        };
        // `rule.0.lifecycle.0.delete_after`: each part, when every part is a name or an index.
        let word = |attr: &str| {
            one(attr).or_else(|| {
                let parts: Option<Vec<String>> = attr
                    .split('.')
                    .map(|p| match p.parse::<usize>() {
                        Ok(_) => Some(p.to_string()),
                        Err(_) => one(p),
                    })
                    .collect();
                parts.filter(|p| p.len() > 1).map(|p| p.join("."))
            })
        };
        let mut out = String::with_capacity(message.len());
        for (i, part) in message.split('`').enumerate() {
            if i > 0 {
                out.push('`');
            }
            // Odd parts are inside backquotes.
            if i % 2 == 0 {
                out.push_str(part);
                continue;
            }
            match part.split_once(" = ") {
                Some((attr, value)) if let Some(word) = word(attr) => {
                    out.push_str(&word);
                    out.push_str(": ");
                    out.push_str(value);
                }
                _ => out.push_str(&word(part).unwrap_or_else(|| part.to_string())),
            }
        }
        out
    }
}

impl Resource {
    /// Whether `name` is set but known, in whole or part, only after apply.
    pub fn attr_not_known(&self, name: &str) -> bool {
        self.attr(name).is_some_and(|v| !v.is_known())
    }

    /// The address without this resource's own instance key.
    pub fn base_address(&self) -> String {
        // A lowered CloudFormation resource is addressed by its logical ID
        // (`Group[0]` is an element of `Group`).
        if self.origin.is_some() {
            return self
                .address
                .split_once('[')
                .map_or_else(|| self.address.clone(), |(base, _)| base.to_string());
        }
        let local = if self.mode == Mode::Data {
            format!("data.{}.{}", self.r#type, self.name)
        } else {
            format!("{}.{}", self.r#type, self.name)
        };
        if self.module.is_empty() {
            local
        } else {
            format!("{}.{local}", self.module)
        }
    }

    pub fn attr(&self, name: &str) -> Option<&Value> {
        self.attrs.get(name)
    }

    /// The type as the user wrote it: the CloudFormation type of a lowered
    /// resource, else the Terraform type. What reports show; rules read `r#type`.
    pub fn shown_type(&self) -> &str {
        self.origin.as_ref().map_or(&self.r#type, |o| &o.r#type)
    }
}

/// How inputs write "the account this is deployed to" where it is known only
/// at deploy time: CloudFormation's pseudo parameter, as the `${...}` part of
/// a value (`arn:aws:backup:...:${AWS::AccountId}:backup-vault:dr`).
pub fn is_own_account(text: &str) -> bool {
    text == "${AWS::AccountId}"
}

/// One configuration: a plan, a root module, or one CDKTF stack.
#[derive(Debug, Clone)]
pub struct Model {
    pub kind: InputKind,
    /// The file or directory given on the command line.
    pub source: PathBuf,
    /// CDKTF stack name; a CDK cloud assembly's stack (artifact id); for a
    /// CloudFormation template checked in a region given by `--region`, that region.
    pub stack: Option<String>,
    /// The account the input deploys to, where the input itself fixes it (a
    /// CDK stack's `environment`): ARNs naming it are the stack's own.
    pub account: Option<String>,
    pub resources: Vec<Resource>,
    pub providers: Vec<ProviderConfig>,
    pub modules: Vec<ModuleInfo>,
    /// Things the user should know that are not errors (skipped remote modules, plan errored).
    pub notes: Vec<String>,
    /// Inline suppressions found in the input.
    pub suppressions: Vec<Suppression>,
    /// Plan and state input: the `data "aws_region"` instances Terraform read
    /// through their provider, with no argument naming another region: their
    /// `name` is that provider's region. `region::place_all` settles them into
    /// the provider configurations and empties this.
    pub region_reads: HashSet<String>,
    /// Plan input: the root module variable values the plan was made with.
    pub variables: value::Map,
}

impl Model {
    pub fn new(kind: InputKind, source: PathBuf) -> Model {
        Model {
            kind,
            source,
            stack: None,
            account: None,
            resources: Vec::new(),
            providers: Vec::new(),
            modules: Vec::new(),
            notes: Vec::new(),
            suppressions: Vec::new(),
            region_reads: HashSet::new(),
            variables: value::Map::new(),
        }
    }

    /// Orders resources by address (what `lookup` searches) and marks every
    /// value inside a marked one. Loaders call it last; `region::place_all`
    /// then places the resources.
    pub fn finish(mut self) -> Model {
        // In place: a stable sort would borrow a buffer of half the resources.
        // The file and line order resources that share an address (a
        // duplicated block) the same way on every run.
        self.resources.sort_unstable_by(|a, b| {
            (a.address.as_str(), &a.location.file, a.location.line).cmp(&(
                b.address.as_str(),
                &b.location.file,
                b.location.line,
            ))
        });
        // Marks on every value inside a marked one, where rules reading nested values keep them.
        for res in &mut self.resources {
            res.attrs.iter_mut().for_each(|(_, v)| v.push_marks());
        }
        for p in &mut self.providers {
            p.region.iter_mut().for_each(Value::push_marks);
            p.default_tags.push_marks();
        }
        self
    }

    /// Resources a reference target names: one instance, or every instance of
    /// an indexed resource. Resources are sorted by address, and the instances
    /// of `a.b` are the run of addresses that start with `a.b[`.
    pub fn lookup(&self, address: &str) -> impl Iterator<Item = &Resource> + '_ {
        let run = |from: usize, belongs: &dyn Fn(&Resource) -> bool| {
            let len = self.resources[from..]
                .iter()
                .take_while(|r| belongs(r))
                .count();
            &self.resources[from..from + len]
        };
        let start = self
            .resources
            .partition_point(|r| r.address.as_str() < address);
        let exact = run(start, &|r| r.address == address);
        let prefix = format!("{address}[");
        let start = self
            .resources
            .partition_point(|r| r.address.as_str() < prefix.as_str());
        let instances = run(start, &|r| r.address.starts_with(prefix.as_str()));
        exact.iter().chain(
            instances
                .iter()
                .filter(|r| r.index.is_some() && r.address.ends_with(']')),
        )
    }

    pub fn provider_at(
        &self,
        scope: &[String],
        name: &str,
        alias: Option<&str>,
    ) -> Option<&ProviderConfig> {
        self.providers
            .iter()
            .find(|p| p.scope == scope && p.name == name && p.alias.as_deref() == alias)
    }

    pub fn module_at(&self, path: &[String]) -> Option<&ModuleInfo> {
        self.modules.iter().find(|m| m.path == path)
    }
}

impl ModuleInfo {
    /// What the call passes to the instance of this module that holds a
    /// resource of module instance `module` (`module.m["a"].module.n`), and
    /// that instance's address when the passing is its own.
    pub fn providers_for(&self, module: &str) -> (Option<&ProviderPassing>, Option<&str>) {
        // Instance addresses of one call never extend one another (a key
        // ends with `"]`), so the greatest one not after `module` is the
        // only one that can be its prefix.
        let own = self
            .instance_providers
            .range::<str, _>((
                std::ops::Bound::Unbounded,
                std::ops::Bound::Included(module),
            ))
            .next_back()
            .filter(|(addr, _)| {
                module
                    .strip_prefix(addr.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
            });
        match own {
            Some((addr, passing)) => (Some(passing), Some(addr)),
            None => (self.providers.as_ref(), None),
        }
    }
}
