//! What a rule sees: the whole model, indexed by type and by reference, and
//! the shared questions rules ask (which key, which tags, which policy).
//! Regions come only from the resolver: `Resource::placement`, read directly
//! (nothing is left to decide), and `region::of_target` / `of_arn` / `of_zone`
//! for targets known only by name.

use crate::iam::{self, PolicyDoc};
use crate::model::value::{Text, replace_interpolations};
use crate::model::{Model, ProviderConfig, Reference, Region, Resource, Value};
use crate::policy::Policy;
use crate::region;
use foldhash::HashMap;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::LazyLock;
use std::sync::{Mutex, OnceLock};

/// `policies/kms-attributes.json`: which attributes take a KMS key.
#[derive(Debug, serde::Deserialize)]
pub struct KmsTable {
    pub resources: BTreeMap<String, Vec<String>>,
    pub replica_blocks: BTreeMap<String, ReplicaBlock>,
    pub encrypts_at_rest: Vec<String>,
}

#[derive(Debug, serde::Deserialize)]
pub struct ReplicaBlock {
    pub block: String,
    pub key: String,
    pub region: String,
}

pub static KMS: LazyLock<KmsTable> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../policies/kms-attributes.json"))
        .expect("policies/kms-attributes.json is valid")
});

/// The KMS key resource types.
pub const KEY_TYPES: &[&str] = &[
    "aws_kms_key",
    "aws_kms_replica_key",
    "aws_kms_external_key",
    "aws_kms_replica_external_key",
];

/// A key an attribute uses, and where it lives.
#[derive(Debug, Clone)]
pub struct KeyUse<'m> {
    /// The attribute path that names the key.
    pub attr: String,
    /// The key resource (`aws_kms_key`, `aws_kms_replica_key`, a data source), when defined here.
    pub key: Option<&'m Resource>,
    pub region: Region,
    /// The region came from a marked value (a marked ARN, a placement from
    /// one): rules judge by it, messages quote it as `(sensitive)`.
    pub region_marked: bool,
    /// How to name the key in a message: its address, ARN or alias.
    pub label: String,
}

/// A policy attribute: parsed, not known before apply, or not set.
#[derive(Debug, Clone)]
pub enum PolicyState {
    Known(PolicyDoc),
    Unknown,
    Absent,
}

pub struct Context<'m> {
    pub model: &'m Model,
    pub policy: &'m Policy,
    by_type: HashMap<&'m str, Vec<&'m Resource>>,
    /// Target address (an instance, or the base address of all instances) → who refers to it.
    referrers: HashMap<&'m str, Vec<(&'m Resource, &'m Reference)>>,
    /// Lazily built: (attribute, known string value) → resources. Rules match
    /// literal names and ARNs through it instead of scanning every resource.
    by_value: OnceLock<HashMap<(&'m str, &'m str), Vec<&'m Resource>>>,
    /// Resources whose `tags` are known only after apply, found once.
    unknown_tags: OnceLock<Vec<&'m Resource>>,
    /// Lazily built, for the tag keys asked about: key → value → managed resources carrying it.
    tagged: Mutex<TaggedIndex<'m>>,
}

/// Attributes `by_attr` can match on.
const INDEXED_ATTRS: &[&str] = &["arn", "name", "id", "key_id", "bucket"];

/// Calls `f` with every leaf under `value` (anything but a list or a map,
/// as held: marked or not), its path (`path.0.key`, for logic) and the path
/// as a message quotes it (a marked map's keys as `(sensitive)`,
/// `Value::keys`), each built in one buffer rather than a string per nested
/// value.
pub fn each_leaf(path: &str, value: &Value, f: &mut dyn FnMut(&str, &str, &Value)) {
    type Leaf<'f> = dyn FnMut(&str, &str, &Value) + 'f;
    fn walk(paths: &mut (String, String), value: &Value, f: &mut Leaf) {
        let mut descend = |paths: &mut (String, String),
                           step: &dyn std::fmt::Display,
                           shown: &dyn std::fmt::Display,
                           v: &Value| {
            let lens = (paths.0.len(), paths.1.len());
            let _ = write!(paths.0, ".{step}");
            let _ = write!(paths.1, ".{shown}");
            walk(paths, v, f);
            paths.0.truncate(lens.0);
            paths.1.truncate(lens.1);
        };
        match value.unmarked() {
            Value::List(items) => items
                .iter()
                .enumerate()
                .for_each(|(i, v)| descend(paths, &i, &i, v)),
            Value::Map(map) => {
                let marked = matches!(value, Value::Sensitive(_));
                map.iter()
                    .for_each(|(k, v)| descend(paths, k, &Text::new(k.as_str(), marked), v))
            }
            _ => f(&paths.0, &paths.1, value),
        }
    }
    walk(&mut (path.to_string(), path.to_string()), value, f);
}

/// An attribute path without list indices: `rule.0.copy_action.0.x` → `rule.copy_action.x`.
pub fn normalize_path(path: &str) -> String {
    path.split('.')
        .filter(|seg| !seg.bytes().all(|b| b.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(".")
}

/// Whether a reference recorded at `path` concerns the attribute `pattern`
/// (recorded deeper inside it, or at a shallower level that contains it).
pub fn path_matches(path: &str, pattern: &str) -> bool {
    let path = normalize_path(path);
    path == pattern
        || path
            .strip_prefix(pattern)
            .is_some_and(|rest| rest.starts_with('.'))
        || pattern
            .strip_prefix(path.as_str())
            .is_some_and(|rest| rest.starts_with('.'))
}

impl<'m> Context<'m> {
    pub fn new(model: &'m Model, policy: &'m Policy) -> Context<'m> {
        let mut by_type: HashMap<&str, Vec<&Resource>> = HashMap::default();
        let mut referrers: HashMap<&str, Vec<(&Resource, &Reference)>> = HashMap::default();
        for res in &model.resources {
            by_type.entry(res.r#type.as_str()).or_default().push(res);
            for r in &res.refs {
                referrers
                    .entry(r.target.as_str())
                    .or_default()
                    .push((res, r));
            }
        }
        Context {
            model,
            policy,
            by_type,
            referrers,
            by_value: OnceLock::new(),
            unknown_tags: OnceLock::new(),
            tagged: Mutex::default(),
        }
    }

    pub fn resources(&self) -> &'m [Resource] {
        &self.model.resources
    }

    /// The account the configuration runs in, when the input knows it: a
    /// plan's caller identity, or the account a CDK stack's environment names.
    pub fn own_account(&self) -> Option<String> {
        self.of_type("aws_caller_identity")
            .find_map(|c| {
                c.attr("account_id")
                    .and_then(crate::model::Value::as_str)
                    .map(str::to_string)
            })
            .or_else(|| self.model.account.clone())
    }

    /// Managed resources (and data sources with `data`) of one type.
    pub fn of_type(&self, r#type: &str) -> impl Iterator<Item = &'m Resource> + '_ {
        self.by_type.get(r#type).into_iter().flatten().copied()
    }

    pub fn managed(&self, r#type: &str) -> impl Iterator<Item = &'m Resource> + '_ {
        self.of_type(r#type)
            .filter(|r| r.mode == crate::model::Mode::Managed)
    }

    /// References from `res` at attribute `pattern` (indices ignored), with their targets.
    pub fn ref_targets(
        &self,
        res: &'m Resource,
        pattern: &str,
    ) -> Vec<(&'m Reference, &'m Resource)> {
        let mut out = Vec::new();
        for r in res.refs.iter().filter(|r| path_matches(&r.attr, pattern)) {
            let mut targets: Vec<&Resource> = self.model.lookup(&r.target).collect();
            // `aws_kms_key.k[each.key]` is recorded by plans as `aws_kms_key.k`:
            // the instance with the referrer's own key is the one meant.
            if targets.len() > 1
                && let Some(own) = &res.index
                && let Some(same) = targets
                    .iter()
                    .find(|t| t.index.as_ref() == Some(own))
                    .copied()
            {
                targets = vec![same];
            }
            for target in targets {
                if !out
                    .iter()
                    .any(|(_, t): &(&Reference, &Resource)| t.address == target.address)
                {
                    out.push((r, target));
                }
            }
        }
        out
    }

    /// Resources referenced from `res` at `pattern`.
    pub fn targets(&self, res: &'m Resource, pattern: &str) -> Vec<&'m Resource> {
        self.ref_targets(res, pattern)
            .into_iter()
            .map(|(_, t)| t)
            .collect()
    }

    /// Whether `res` has any reference at `pattern` (even to something not defined here).
    pub fn has_ref(&self, res: &Resource, pattern: &str) -> bool {
        res.refs.iter().any(|r| path_matches(&r.attr, pattern))
    }

    /// Resources that refer to `target`, with the referring attribute: once
    /// per resource and attribute, whether they name the instance or the
    /// whole resource (a key shared by a region's log groups has thousands).
    pub fn referrers(&self, target: &Resource) -> Vec<(&'m Resource, &'m Reference)> {
        let base = target.index.is_some().then(|| target.base_address());
        let mut seen: foldhash::HashSet<(&str, &str)> = foldhash::HashSet::default();
        let mut out: Vec<(&Resource, &Reference)> = Vec::new();
        for key in std::iter::once(target.address.as_str()).chain(base.as_deref()) {
            for &(res, r) in self.referrers.get(key).into_iter().flatten() {
                if seen.insert((res.address.as_str(), r.attr.as_str())) {
                    out.push((res, r));
                }
            }
        }
        out
    }

    /// Values at an attribute path, through nested blocks (lists of objects).
    /// A block known only after apply stands for every value below it: the
    /// walk gives it as the value, unknown, never as nothing.
    pub fn values<'r>(&self, res: &'r Resource, pattern: &str) -> Vec<&'r Value> {
        fn walk<'v>(value: &'v Value, segs: &[&str], out: &mut Vec<&'v Value>) {
            match (segs.split_first(), value.unmarked()) {
                (None, _) | (Some(_), Value::Unknown) => out.push(value),
                (Some(_), Value::List(items)) => items.iter().for_each(|i| walk(i, segs, out)),
                (Some((first, rest)), Value::Map(map)) => {
                    if let Some(v) = map.get(*first) {
                        walk(v, rest, out);
                    }
                }
                _ => {}
            }
        }
        let segs: Vec<&str> = pattern.split('.').collect();
        let mut out = Vec::new();
        if let Some(v) = res.attrs.get(segs[0]) {
            walk(v, &segs[1..], &mut out);
        }
        out
    }

    /// The provider configuration a resource ends up using.
    pub fn provider_of(&self, res: &Resource) -> Option<&'m ProviderConfig> {
        self.model
            .providers
            .iter()
            .find(|p| p.key() == res.placement.provider)
    }

    /// Tags as AWS will see them: the provider's `default_tags` under the resource's own.
    pub fn tags(&self, res: &Resource) -> BTreeMap<String, String> {
        self.compute_tags(res)
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.into_owned()))
            .collect()
    }

    /// Managed resources whose effective tag `key` equals `value`, or matches
    /// it as an IAM-style wildcard pattern when `like`.
    ///
    /// The index is built one tag key at a time, for the keys rules ask
    /// about: a plan of 100,000 resources has half a million tags, and backup
    /// selections name a few keys.
    pub fn tagged(&self, key: &str, value: &str, like: bool) -> Vec<&'m Resource> {
        let mut tagged = self.tagged.lock().unwrap_or_else(|e| e.into_inner());
        if !tagged.contains_key(key) {
            let providers: HashMap<String, &Value> = self
                .model
                .providers
                .iter()
                .map(|p| (p.key(), &p.default_tags))
                .collect();
            let mut by_value: HashMap<Cow<'m, str>, Vec<&'m Resource>> = HashMap::default();
            for res in &self.model.resources {
                if res.mode != crate::model::Mode::Managed {
                    continue;
                }
                let found = tag_sources(res, providers.get(&res.placement.provider).copied())
                    .into_iter()
                    .find_map(|tags| tag_text(tags?.as_map()?.get(key)?));
                if let Some(text) = found {
                    by_value.entry(text).or_default().push(res);
                }
            }
            tagged.insert(key.to_string(), by_value);
        }
        let values = &tagged[key];
        if !like {
            return values.get(value).cloned().unwrap_or_default();
        }
        values
            .iter()
            .filter(|(have, _)| crate::iam::wildcard_match(value, have))
            .flat_map(|(_, resources)| resources.iter().copied())
            .collect()
    }

    /// Whether the effective tag `key` of `res` comes from a marked value
    /// (the tag's own, or its map's: `Model::finish` marks every value of a
    /// marked map).
    pub fn tag_marked(&self, res: &Resource, key: &str) -> bool {
        tag_sources(res, self.provider_of(res).map(|p| &p.default_tags))
            .into_iter()
            .flatten()
            .find_map(|tags| tags.get(key).filter(|v| tag_text(v).is_some()))
            .is_some_and(Value::has_sensitive)
    }

    fn compute_tags<'r>(&'r self, res: &'r Resource) -> Tags<'r> {
        let mut tags = BTreeMap::new();
        for source in tag_sources(res, self.provider_of(res).map(|p| &p.default_tags)) {
            for (k, v) in source.and_then(Value::as_map).into_iter().flatten() {
                if let Some(text) = tag_text(v) {
                    tags.entry(k.as_str()).or_insert(text);
                }
            }
        }
        tags
    }

    /// Resources of `types` whose attribute `attr` is known and equals `value`.
    /// Resources whose `tags` are known only after apply: a selection by tag
    /// may select them.
    pub fn with_unknown_tags(&self) -> &[&'m Resource] {
        self.unknown_tags.get_or_init(|| {
            self.model
                .resources
                .iter()
                .filter(|r| r.attr_not_known("tags"))
                .collect()
        })
    }

    /// Whether a resource of `types` has an `attr` known only after apply
    /// that may turn out to be `value` (wholly unknown, or a partial text
    /// whose known parts fit): a lookup that found nothing is then no evidence.
    /// A literal `*` or `?` in a name only widens the match: the safe side.
    pub fn may_have_attr(&self, types: &[&str], attr: &str, value: &str) -> bool {
        types.iter().flat_map(|t| self.of_type(t)).any(|r| {
            r.attr(attr).is_some_and(|v| match v.unmarked() {
                Value::Unknown => true,
                Value::Partial(text) => {
                    iam::wildcard_match(&replace_interpolations(text, "*"), value)
                }
                _ => false,
            })
        })
    }

    pub fn by_attr(&self, types: &[&str], attr: &str, value: &str) -> Vec<&'m Resource> {
        if !INDEXED_ATTRS.contains(&attr) {
            return types
                .iter()
                .flat_map(|t| self.of_type(t))
                .filter(|r| r.attr(attr).and_then(Value::as_str) == Some(value))
                .collect();
        }
        let index = self.by_value.get_or_init(|| {
            let mut index: HashMap<(&str, &str), Vec<&Resource>> = HashMap::default();
            for res in &self.model.resources {
                for attr in INDEXED_ATTRS {
                    if let Some(v) = res.attr(attr).and_then(Value::as_str) {
                        index.entry((attr, v)).or_default().push(res);
                    }
                }
            }
            index
        });
        index
            .get(&(attr, value))
            .into_iter()
            .flatten()
            .filter(|r| types.is_empty() || types.contains(&r.r#type.as_str()))
            .copied()
            .collect()
    }

    /// The keys an attribute uses: by reference (through aliases and data
    /// sources), by literal ARN, or by alias name.
    pub fn key_uses(&self, res: &'m Resource, pattern: &str) -> Vec<KeyUse<'m>> {
        let mut out = Vec::new();
        for (r, target) in self.ref_targets(res, pattern) {
            out.extend(self.key_of_target(&r.attr, target, 0));
        }
        // One reference to several keys (an indexed resource): if any is in the
        // user's region, that is the one it can use.
        if out.len() > 1 && out.iter().any(|k| k.region == res.placement.region) {
            out.retain(|k| k.region == res.placement.region);
        }
        if self.has_ref(res, pattern) {
            return out;
        }
        for value in self.values(res, pattern) {
            let Some(text) = value.quoted().filter(|_| value.as_str().is_some()) else {
                continue;
            };
            out.extend(self.key_of_literal(pattern, &text, res));
        }
        out
    }

    fn key_of_target(&self, attr: &str, target: &'m Resource, depth: usize) -> Vec<KeyUse<'m>> {
        let use_of = |key: &'m Resource| KeyUse {
            attr: attr.to_string(),
            key: Some(key),
            region: key.placement.region.clone(),
            region_marked: key.placement.sensitive,
            label: format!("`{}`", key.address),
        };
        match target.r#type.as_str() {
            t if KEY_TYPES.contains(&t) => vec![use_of(target)],
            "aws_kms_alias" if depth < 4 => {
                let keys: Vec<KeyUse> = self
                    .targets(target, "target_key_id")
                    .into_iter()
                    .flat_map(|k| self.key_of_target(attr, k, depth + 1))
                    .collect();
                if keys.is_empty() {
                    vec![use_of(target)]
                } else {
                    keys
                }
            }
            "aws_kms_alias" => vec![use_of(target)],
            _ => {
                // A data source or another resource passing a key ARN along.
                let arn = ["arn", "key_arn", "target_key_arn"].iter().find_map(|a| {
                    let value = target.attr(a)?;
                    let region = value.as_str().and_then(region::of_arn)?;
                    Some((region, value.has_sensitive()))
                });
                match (arn, target.r#type.contains("kms")) {
                    (Some((region, marked)), _) => vec![KeyUse {
                        attr: attr.to_string(),
                        key: Some(target),
                        region: Region::Known(region.to_string()),
                        region_marked: marked,
                        label: format!("`{}`", target.address),
                    }],
                    (None, true) => vec![use_of(target)],
                    _ => Vec::new(),
                }
            }
        }
    }

    /// Labels quote `quoted` by its `Display`: a marked literal shows as `(sensitive)`.
    fn key_of_literal(&self, attr: &str, quoted: &Text, user: &Resource) -> Vec<KeyUse<'m>> {
        let text = quoted.as_str();
        let keys = ["aws_kms_key", "aws_kms_replica_key"];
        if text.starts_with("arn:") {
            let Some(region) = region::of_arn(text) else {
                return Vec::new();
            };
            let key = self.by_attr(&keys, "arn", text).into_iter().next();
            return vec![KeyUse {
                attr: attr.to_string(),
                key,
                region: Region::Known(region.to_string()),
                region_marked: quoted.is_sensitive(),
                label: format!("`{quoted}`"),
            }];
        }
        if let Some(name) = text.strip_prefix("alias/") {
            if name.starts_with("aws/") {
                return Vec::new(); // AWS managed: exists in every region
            }
            // An alias name resolves in the user's region; it fails if it is defined only elsewhere.
            let aliases = self.by_attr(&["aws_kms_alias"], "name", text);
            let user_region = &user.placement.region;
            if aliases.is_empty()
                || aliases.iter().any(|a| &a.placement.region == user_region)
                || self.may_have_attr(&["aws_kms_alias"], "name", text)
            {
                return Vec::new();
            }
            return aliases
                .into_iter()
                .map(|a| KeyUse {
                    attr: attr.to_string(),
                    key: Some(a),
                    region: a.placement.region.clone(),
                    region_marked: a.placement.sensitive,
                    label: format!("alias `{quoted}` (defined only as `{}`)", a.address),
                })
                .collect();
        }
        self.by_attr(&keys, "key_id", text)
            .into_iter()
            .map(|k| KeyUse {
                attr: attr.to_string(),
                key: Some(k),
                region: k.placement.region.clone(),
                region_marked: k.placement.sensitive,
                label: format!("`{}`", k.address),
            })
            .collect()
    }

    /// A policy document held by `attr` of `res`: inline JSON, `jsonencode`,
    /// or a reference to an `aws_iam_policy_document` (whose merged documents are followed).
    pub fn policy_doc(&self, res: &'m Resource, attr: &str) -> PolicyState {
        let docs: Vec<&Resource> = self
            .targets(res, attr)
            .into_iter()
            .filter(|t| t.r#type == "aws_iam_policy_document")
            .collect();
        if let Some(doc) = docs.first() {
            return PolicyState::Known(self.merged_document(doc, 0));
        }
        let value = if attr.contains('.') {
            self.values(res, attr).into_iter().next()
        } else {
            res.attr(attr)
        };
        match value {
            None => PolicyState::Absent,
            Some(v) if v.is_null() => PolicyState::Absent,
            Some(v) => match iam::from_value(v) {
                Some(doc) => PolicyState::Known(doc),
                None => PolicyState::Unknown,
            },
        }
    }

    fn merged_document(&self, doc: &'m Resource, depth: usize) -> PolicyDoc {
        let mut merged = PolicyDoc::default();
        if depth < 8 {
            for attr in [
                "source_policy_documents",
                "source_json",
                "override_policy_documents",
                "override_json",
            ] {
                for source in self.targets(doc, attr) {
                    if source.r#type == "aws_iam_policy_document" {
                        let inner = self.merged_document(source, depth + 1);
                        merged.partial |= inner.partial;
                        merged.statements.extend(inner.statements);
                    }
                }
                let sources = doc.attr(attr).filter(|v| !v.is_null());
                if sources.is_some_and(|v| v.as_list().is_none()) {
                    // The list itself is known only after apply.
                    merged.partial = true;
                }
                for value in sources.and_then(Value::as_list).into_iter().flatten() {
                    match iam::from_value(value) {
                        Some(parsed) => {
                            merged.partial |= parsed.partial;
                            merged.statements.extend(parsed.statements);
                        }
                        // A reference to another document is followed above;
                        // any other value we cannot read may hold statements.
                        None if !value.is_known() && self.targets(doc, attr).is_empty() => {
                            merged.partial = true
                        }
                        None => {}
                    }
                }
            }
        }
        let own = iam::from_policy_document(doc);
        merged.partial |= own.partial;
        merged.statements.extend(own.statements);
        merged
    }
}

/// Resources by effective tag key, then value.
type TaggedIndex<'m> = HashMap<String, HashMap<Cow<'m, str>, Vec<&'m Resource>>>;

/// Effective tags: key to value, borrowed from the model where they are text.
pub type Tags<'m> = BTreeMap<&'m str, Cow<'m, str>>;

/// Where the tags AWS sees on a resource come from, the one that wins first:
/// its own `tags`, then `tags_all`, then its provider's `default_tags`.
fn tag_sources<'r>(res: &'r Resource, default_tags: Option<&'r Value>) -> [Option<&'r Value>; 3] {
    [res.attr("tags"), res.attr("tags_all"), default_tags]
}

/// A tag's value as text: AWS tags are strings; a boolean is written as one.
fn tag_text(value: &Value) -> Option<Cow<'_, str>> {
    match (value.as_str(), value.as_bool()) {
        (Some(text), _) => Some(Cow::Borrowed(text)),
        (None, Some(b)) => Some(Cow::Owned(b.to_string())),
        (None, None) => None,
    }
}

/// "`a`, `b` and 3 more": names for a message, at most `max`.
pub fn list_names<'a>(names: impl IntoIterator<Item = &'a str>, max: usize) -> String {
    let names: Vec<&str> = names.into_iter().collect();
    let shown: Vec<String> = names.iter().take(max).map(|n| format!("`{n}`")).collect();
    let mut text = shown.join(", ");
    if names.len() > max {
        text.push_str(&format!(" and {} more", names.len() - max));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(
            normalize_path("rule.0.copy_action.12.destination_vault_arn"),
            "rule.copy_action.destination_vault_arn"
        );
        assert!(path_matches(
            "rule.0.copy_action.0.destination_vault_arn",
            "rule.copy_action.destination_vault_arn"
        ));
        assert!(path_matches("tags", "tags.Name"));
        assert!(path_matches(
            "rule.0.lifecycle.delete_after",
            "rule.lifecycle"
        ));
        assert!(!path_matches(
            "rule.0.target_vault_name",
            "rule.copy_action.destination_vault_arn"
        ));
        assert!(!path_matches("kms_key_id_extra", "kms_key_id"));
    }
}
