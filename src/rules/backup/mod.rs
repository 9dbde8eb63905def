//! Rules from the catalogue's Backup section: vault ↔ plan ↔ selection ↔ role
//! ↔ protected resources ↔ copy destinations, wired by reference or by name.

pub mod backup_copy_same_region;
pub mod backup_lifecycle_invalid;
pub mod backup_no_cross_region_copy;
pub mod backup_plan_unselected;
pub mod backup_plan_vault_missing;
pub mod backup_rule_schedule_invalid;
pub mod backup_selection_empty;
pub mod backup_selection_plan_missing;
pub mod backup_selection_role;
pub mod backup_vault_kms;

use super::context::Context;
use crate::model::value::Text;
use crate::model::{Mode, Region, Resource, Value};
use crate::region;

/// Resource types AWS Backup can protect (tag selections only match these).
pub const SUPPORTED: &[&str] = &[
    "aws_db_instance",
    "aws_docdb_cluster",
    "aws_dynamodb_table",
    "aws_ebs_volume",
    "aws_efs_file_system",
    "aws_fsx_lustre_file_system",
    "aws_fsx_ontap_file_system",
    "aws_fsx_openzfs_file_system",
    "aws_fsx_windows_file_system",
    "aws_instance",
    "aws_neptune_cluster",
    "aws_rds_cluster",
    "aws_redshift_cluster",
    "aws_s3_bucket",
    "aws_storagegateway_gateway",
    "aws_timestreamwrite_table",
];

const VAULTS: &[&str] = &["aws_backup_vault", "aws_backup_logically_air_gapped_vault"];

/// The rule blocks of a backup plan.
pub fn plan_rules(plan: &Resource) -> Vec<&crate::model::value::Map> {
    plan.attr("rule").map(Value::blocks).unwrap_or_default()
}

/// A rule's `rule_name`, to quote (`?` when it has none).
pub fn rule_name(rule: &crate::model::value::Map) -> Text {
    rule.get("rule_name")
        .and_then(Value::quoted)
        .unwrap_or_else(|| Text::plain("?"))
}

/// A vault a plan rule or copy action points at.
pub enum VaultTarget<'m> {
    Vault(&'m Resource),
    /// A literal name or ARN that matches no vault here.
    Missing(Text),
    /// Not known before apply, or AWS's own `Default` vault.
    Unknown,
}

fn vault_refs<'m>(
    ctx: &Context<'m>,
    res: &'m Resource,
    exact_attr: &str,
) -> Option<Vec<&'m Resource>> {
    let refs: Vec<_> = res.refs.iter().filter(|r| r.attr == exact_attr).collect();
    if refs.is_empty() {
        return None;
    }
    Some(
        refs.iter()
            .flat_map(|r| ctx.model.lookup(&r.target))
            .filter(|t| VAULTS.contains(&t.r#type.as_str()))
            .collect(),
    )
}

/// The vault rule `index` of `plan` targets (`target_vault_name`).
pub fn rule_vault<'m>(
    ctx: &Context<'m>,
    plan: &'m Resource,
    index: usize,
    rule: &crate::model::value::Map,
) -> VaultTarget<'m> {
    if let Some(vaults) = vault_refs(ctx, plan, &format!("rule.{index}.target_vault_name")) {
        return vaults
            .first()
            .map_or(VaultTarget::Unknown, |v| VaultTarget::Vault(v));
    }
    match rule.get("target_vault_name").and_then(Value::quoted) {
        // Every region has AWS Backup's `Default` vault.
        None => VaultTarget::Unknown,
        Some(name) if name == "Default" => VaultTarget::Unknown,
        Some(name) => {
            let found = ctx.by_attr(VAULTS, "name", name.as_str());
            let same_region = found
                .iter()
                .find(|v| v.placement.region == plan.placement.region);
            match same_region.or(found.first()) {
                Some(v) => VaultTarget::Vault(v),
                // A vault whose name is known only after apply may be this one.
                None if ctx.may_have_attr(VAULTS, "name", name.as_str()) => VaultTarget::Unknown,
                None => VaultTarget::Missing(name),
            }
        }
    }
}

/// A copy action's destination vault and its region.
pub struct Destination<'m> {
    pub vault: Option<&'m Resource>,
    pub region: Region,
    /// The region as a message quotes it: `(sensitive)` from a marked ARN or placement.
    pub region_text: Text,
    pub label: String,
    /// The destination ARN's account, when it is a literal.
    pub account: Option<String>,
    /// When the region is unknown but surely its provider configuration's
    /// (`Placement::shared`): that configuration.
    pub shared: Option<String>,
}

impl Destination<'_> {
    /// Where the destination is, for `region::same_region`.
    pub fn placement(&self) -> crate::model::Placement {
        crate::model::Placement {
            region: self.region.clone(),
            shared: self.shared.clone(),
            ..Default::default()
        }
    }
}

pub fn copy_destinations<'m>(
    ctx: &Context<'m>,
    plan: &'m Resource,
    index: usize,
    rule: &crate::model::value::Map,
) -> Vec<Destination<'m>> {
    let mut out = Vec::new();
    let actions = rule
        .get("copy_action")
        .map(Value::blocks)
        .unwrap_or_default();
    for (j, action) in actions.iter().enumerate() {
        let attr = format!("rule.{index}.copy_action.{j}.destination_vault_arn");
        if let Some(vaults) = vault_refs(ctx, plan, &attr) {
            // A reference to something else (a module output of another stack): not known.
            if vaults.is_empty() {
                out.push(Destination {
                    vault: None,
                    region: Region::Unknown,
                    region_text: Text::plain(Region::Unknown.to_string()),
                    label: "a vault known only after apply".to_string(),
                    account: None,
                    shared: None,
                });
            }
            for v in vaults {
                out.push(Destination {
                    vault: Some(v),
                    region: v.placement.region.clone(),
                    region_text: v.placement.region_text(),
                    label: format!("`{}`", v.address),
                    account: None,
                    shared: v.placement.shared.clone(),
                });
            }
            continue;
        }
        let Some(quoted) = action.get("destination_vault_arn").and_then(Value::quoted) else {
            out.push(Destination {
                vault: None,
                region: Region::Unknown,
                region_text: Text::plain(Region::Unknown.to_string()),
                label: "a vault known only after apply".to_string(),
                account: None,
                shared: None,
            });
            continue;
        };
        let arn = quoted.as_str();
        let vault = ctx.by_attr(VAULTS, "arn", arn).into_iter().next();
        let (region, region_text) = region::of_target(vault, Some(&quoted));
        // An ARN naming the plan's own region as such (`${AWS::Region}`).
        let shared = match vault {
            Some(v) => v.placement.shared.clone(),
            None => region::of_arn_in(&plan.placement, arn).and_then(|p| {
                let own = p.region == Region::Unknown && p.shared.is_some();
                p.shared.filter(|_| own)
            }),
        };
        out.push(Destination {
            vault,
            region_text,
            region,
            shared,
            label: format!("`{quoted}`"),
            account: region::arn_fields(arn)
                .get(4)
                .filter(|a| !a.is_empty())
                .map(|a| a.to_string()),
        });
    }
    out
}

/// The plan a selection's `plan_id` names.
pub enum PlanTarget<'m> {
    Plan(&'m Resource),
    Missing(Text),
    Unknown,
}

pub fn selection_plan<'m>(ctx: &Context<'m>, selection: &'m Resource) -> PlanTarget<'m> {
    if ctx.has_ref(selection, "plan_id") {
        return ctx
            .targets(selection, "plan_id")
            .into_iter()
            .find(|t| t.r#type == "aws_backup_plan")
            .map_or(PlanTarget::Unknown, PlanTarget::Plan);
    }
    match selection.attr("plan_id").and_then(Value::quoted) {
        Some(id) => ctx
            .by_attr(&["aws_backup_plan"], "id", id.as_str())
            .into_iter()
            .next()
            .map_or_else(|| PlanTarget::Missing(id), PlanTarget::Plan),
        None => PlanTarget::Unknown,
    }
}

/// The selections that name a plan: by reference, or by a literal plan id.
pub fn plan_selections<'m>(ctx: &Context<'m>, plan: &'m Resource) -> Vec<&'m Resource> {
    let mut out: Vec<&Resource> = ctx
        .referrers(plan)
        .into_iter()
        .filter(|(s, r)| {
            s.r#type == "aws_backup_selection"
                && s.mode == Mode::Managed
                && crate::rules::context::path_matches(&r.attr, "plan_id")
        })
        .map(|(s, _)| s)
        .collect();
    if let Some(id) = plan.attr("id").and_then(Value::as_str) {
        for s in ctx.by_attr(&["aws_backup_selection"], "plan_id", id) {
            if !out.iter().any(|o| o.address == s.address) {
                out.push(s);
            }
        }
    }
    out
}

/// A resource a selection names by a literal ARN that matches nothing here.
pub struct NamedByArn {
    pub arn: Text,
    pub region: Region,
    pub region_text: Text,
}

/// What a selection picks.
#[derive(Default)]
pub struct Selected<'m> {
    /// Named in `resources` (by reference, or by a literal ARN of a resource here).
    pub named: Vec<&'m Resource>,
    /// Literal ARNs in `resources` that match nothing here: the ARN as a
    /// message quotes it, the region it names, and that region as quoted.
    pub named_elsewhere: Vec<NamedByArn>,
    /// Resources of this configuration carrying the selection's tags.
    pub tagged: Vec<&'m Resource>,
    /// The tags it selects by, for messages (`backup=true`).
    pub tag_text: Vec<String>,
    /// `resources`, `selection_tag` or `condition` is set.
    pub has_criteria: bool,
    /// Part of the criteria is not known before apply.
    pub unknown: bool,
    /// `resources = ["*"]`: everything in the region, narrowed by the tag conditions.
    pub wildcard: bool,
}

pub fn selected<'m>(ctx: &Context<'m>, selection: &'m Resource) -> Selected<'m> {
    let mut out = Selected::default();
    let resources = selection.attr("resources");
    if let Some(value) = resources.filter(|v| !v.is_null()) {
        out.has_criteria =
            value.as_list().is_none_or(|l| !l.is_empty()) || ctx.has_ref(selection, "resources");
        out.named = ctx.targets(selection, "resources");
        for item in value.as_list().into_iter().flatten() {
            match item.as_str() {
                Some("*") => out.wildcard = true,
                Some(arn) => {
                    let here = ctx.by_attr(&[], "arn", arn);
                    if here.is_empty()
                        && let Some(quoted) = item.quoted()
                    {
                        let (region, region_text) = region::of_target(None, Some(&quoted));
                        out.named_elsewhere.push(NamedByArn {
                            arn: quoted,
                            region,
                            region_text,
                        });
                    }
                    out.named.extend(here);
                }
                None if out.named.is_empty() => out.unknown = true,
                None => {}
            }
        }
        if !value.is_known() && out.named.is_empty() {
            out.unknown = true;
        }
    }
    // Tag criteria known only after apply select something we cannot see.
    for name in ["selection_tag", "condition"] {
        if selection.attr_not_known(name) {
            out.has_criteria = true;
            out.unknown = true;
        }
    }
    // selection_tag blocks are OR'ed; condition blocks narrow by tag too.
    // Key, value, like, and the pair as a message quotes it.
    let mut wanted: Vec<(String, String, bool, String)> = Vec::new();
    let shown = |m: &crate::model::value::Map| {
        let q = |name: &str| m.get(name).and_then(Value::quoted).unwrap_or_default();
        format!("{}={}", q("key"), q("value"))
    };
    for tag in selection
        .attr("selection_tag")
        .map(Value::blocks)
        .unwrap_or_default()
    {
        out.has_criteria = true;
        match (
            tag.get("key").and_then(Value::as_str),
            tag.get("value").and_then(Value::as_str),
        ) {
            (Some(k), Some(v)) => wanted.push((k.to_string(), v.to_string(), false, shown(tag))),
            _ => out.unknown = true,
        }
    }
    for condition in selection
        .attr("condition")
        .map(Value::blocks)
        .unwrap_or_default()
    {
        for (op, like) in [("string_equals", false), ("string_like", true)] {
            for c in condition.get(op).map(Value::blocks).unwrap_or_default() {
                out.has_criteria = true;
                match (
                    c.get("key").and_then(Value::as_str),
                    c.get("value").and_then(Value::as_str),
                ) {
                    (Some(k), Some(v)) => {
                        let k = k.strip_prefix("aws:ResourceTag/").unwrap_or(k);
                        let text = shown(c);
                        let text = text.strip_prefix("aws:ResourceTag/").unwrap_or(&text);
                        wanted.push((k.to_string(), v.to_string(), like, text.to_string()));
                    }
                    _ => out.unknown = true,
                }
            }
        }
        if ["string_not_equals", "string_not_like"]
            .iter()
            .any(|op| condition.get(*op).is_some_and(|v| !v.blocks().is_empty()))
        {
            out.has_criteria = true;
        }
    }
    // `"*"` alone selects everything in the region: never empty.
    if out.wildcard && wanted.is_empty() {
        out.unknown = true;
    }
    if !wanted.is_empty() {
        out.tag_text = wanted.iter().map(|(.., text)| text.clone()).collect();
        let mut tagged: Vec<&Resource> = wanted
            .iter()
            .flat_map(|(k, v, like, _)| ctx.tagged(k, v, *like))
            .filter(|r| SUPPORTED.contains(&r.r#type.as_str()))
            .collect();
        tagged.sort_by(|a, b| a.address.cmp(&b.address));
        tagged.dedup_by(|a, b| a.address == b.address);
        out.tagged = tagged;
        // A resource whose tags are known only after apply may be selected too.
        if ctx
            .with_unknown_tags()
            .iter()
            .any(|r| SUPPORTED.contains(&r.r#type.as_str()))
        {
            out.unknown = true;
        }
    }
    out
}

/// Resources a selection actually protects: selected and in its region.
pub fn protected<'m>(ctx: &Context<'m>, selection: &'m Resource) -> Vec<&'m Resource> {
    let sel = selected(ctx, selection);
    let region = &selection.placement.region;
    let mut out: Vec<&Resource> = sel
        .named
        .into_iter()
        .chain(sel.tagged)
        .filter(|r| {
            r.mode == Mode::Managed
                && (&r.placement.region == region || r.placement.region == Region::Unknown)
        })
        .collect();
    out.sort_by(|a, b| a.address.cmp(&b.address));
    out.dedup_by(|a, b| a.address == b.address);
    out
}
