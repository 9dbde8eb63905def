//! The one region resolver. Every rule and `tfward inventory` use its answer;
//! the order is the one in RULES.md ("How a resource's region is decided").
//! It also reads the region out of names that carry one (an ARN, a zone),
//! for targets rules meet only by name.

use crate::model::value::Text;
use crate::model::{Mode, Model, Placement, ProviderConfig, Region, Resource, Value};
use std::collections::HashSet;
use std::sync::Arc;

/// Places every resource of a loaded model: `load` calls it once, after any loader.
pub fn place_all(model: &mut Model) {
    settle_regions_read_in_planning(model);
    // One at a time, not a vector of all placements beside the resources:
    // placing reads no other resource's placement. Resources of one
    // provider mostly land the same way: they share one placement.
    let mut shared: HashSet<Arc<Placement>> = HashSet::new();
    for i in 0..model.resources.len() {
        let placement = place(model, &model.resources[i]);
        let placement = match shared.get(&placement) {
            Some(same) => same.clone(),
            None => {
                let new = Arc::new(placement);
                shared.insert(new.clone());
                new
            }
        };
        model.resources[i].placement = placement;
    }
}

/// A `data "aws_region"` read through a provider during planning states that
/// provider's region: better evidence than an expression the plan records only
/// as "uses var.x" or "uses local.y". The plan loader lists the ones that set
/// no argument naming another region (`Model::region_reads`).
fn settle_regions_read_in_planning(model: &mut Model) {
    // Settled once: what was read is then the providers' region.
    let reads = std::mem::take(&mut model.region_reads);
    if reads.is_empty() {
        return;
    }
    let mut evidence: Vec<(String, String, String)> = Vec::new();
    for res in &model.resources {
        if !reads.contains(&res.address) {
            continue;
        }
        let provider_key = resolve_provider(model, res).config_key();
        // A provider 6 `region` argument looks up that region, not its provider's.
        if own_region_argument(res, &provider_key).is_some() {
            continue;
        }
        let name = res.attr("name").or(res.attr("id")).and_then(Value::as_str);
        if let Some(region) = name.filter(|r| looks_like_region(r)) {
            evidence.push((provider_key, region.to_string(), res.address.clone()));
        }
    }
    for (key, region, address) in evidence {
        let Some(cfg) = model.providers.iter_mut().find(|p| p.key() == key) else {
            continue;
        };
        // One instance's read says nothing of the others'.
        if cfg.unexpanded_instances {
            continue;
        }
        // Only a `region` expression the plan could not evaluate (or evaluated by
        // assumption) is settled this way; without one (or with null) the region
        // came from the planning environment, which the configuration does not fix.
        let settles = match &cfg.region {
            Some(Value::Unknown) => true,
            Some(v) if v.is_known() && !v.is_null() => cfg.region_origin != "literal",
            _ => false,
        };
        if !settles {
            continue;
        }
        cfg.region = Some(Value::String(region));
        cfg.region_origin = format!("`{address}`, read through this provider during planning");
    }
}

/// The provider configuration a resource uses, its region, why, and where
/// it is managed from.
fn place(model: &Model, res: &Resource) -> Placement {
    let provider = resolve_provider(model, res);
    let provider_key = provider.config_key();

    // Regions do not apply to providers that have none (RULES.md, step 5).
    if !has_regions(res) {
        return Placement {
            provider: provider_key,
            region: Region::NotApplicable,
            source: format!("regions do not apply to provider `{}`", res.provider.name),
            sensitive: false,
            api_region: Region::NotApplicable,
            shared: None,
        };
    }
    // 1. The resource's own `region` argument (AWS provider 6), when known and not null.
    if let Some(placement) = own_region_argument(res, &provider_key) {
        return placement;
    }
    // 4 (checked early: a global service is global whatever its provider's region).
    if is_global_type(res) {
        // Managed from its provider's region (CloudFront-scope WAF must be us-east-1).
        let api_region = match provider
            .config
            .and_then(|c| c.region.as_ref())
            .map(Value::unmarked)
        {
            Some(Value::String(r)) if !r.is_empty() => Region::Known(r.clone()),
            _ => Region::Unknown,
        };
        return Placement {
            provider: provider_key,
            region: Region::Global,
            source: format!("global service (`{}`)", res.r#type),
            sensitive: false,
            api_region,
            shared: None,
        };
    }
    // 2 + 3. The provider configuration's region.
    let chain = if provider.chain.is_empty() {
        String::new()
    } else {
        format!(" ({})", provider.chain.join("; "))
    };
    let from_provider = match provider.config {
        Some(cfg) => match cfg.region.as_ref().map(Value::unmarked) {
            Some(Value::String(r)) if !r.is_empty() => {
                return Placement {
                    provider: provider_key.clone(),
                    region: Region::Known(r.clone()),
                    source: format!(
                        "provider `{provider_key}`{chain}: region {}",
                        describe_origin(cfg)
                    ),
                    sensitive: cfg.region.as_ref().is_some_and(Value::has_sensitive),
                    api_region: Region::Known(r.clone()),
                    shared: None,
                };
            }
            None | Some(Value::Null) => format!(
                "provider `{provider_key}`{chain} sets no region (the environment decides at run time)"
            ),
            Some(_) => format!(
                "provider `{provider_key}`{chain}: region is not known ({})",
                cfg.region_origin
            ),
        },
        None => format!("{}{chain}", provider.missing),
    };
    // Where no configuration says where a resource lives, a known ARN does.
    if let Some(region) = res.attr("arn").and_then(Value::as_str).and_then(of_arn) {
        return Placement {
            provider: provider_key,
            region: Region::Known(region.to_string()),
            source: format!("region field of the resource's ARN; {from_provider}"),
            sensitive: res.attr("arn").is_some_and(Value::has_sensitive),
            api_region: Region::Known(region.to_string()),
            shared: None,
        };
    }
    Placement {
        // Every resource through one configuration shares its region, known
        // or not; not the instances of a `for_each` not expanded here.
        shared: provider
            .config
            .filter(|c| !c.unexpanded_instances)
            .map(|_| provider_key.clone()),
        provider: provider_key,
        region: Region::Unknown,
        source: from_provider,
        sensitive: false,
        api_region: Region::Unknown,
    }
}

/// Whether the resource belongs to a provider with AWS regions: `aws` (and
/// `awscc`), by its provider's local name or, where a module renamed that, by
/// its type. Every other provider (`random`, `null`, `tls`, `github`, ...)
/// has none.
pub fn has_regions(res: &Resource) -> bool {
    const AWS: &[&str] = &["aws", "awscc"];
    AWS.contains(&res.provider.name.as_str())
        || AWS.iter().any(|p| {
            res.r#type
                .strip_prefix(p)
                .is_some_and(|t| t.starts_with('_'))
        })
}

/// Step 1: an AWS resource's own `region` argument (provider 6), when set.
fn own_region_argument(res: &Resource, provider_key: &str) -> Option<Placement> {
    if res.provider.name != "aws" || is_global_type(res) {
        return None;
    }
    match res.attr("region").map(Value::unmarked) {
        Some(Value::String(r)) if !r.is_empty() => Some(Placement {
            provider: provider_key.to_string(),
            region: Region::Known(r.clone()),
            source: "resource argument `region`".to_string(),
            sensitive: res.attr("region").is_some_and(Value::has_sensitive),
            api_region: Region::Known(r.clone()),
            shared: None,
        }),
        Some(Value::Unknown | Value::Partial(_)) => Some(Placement {
            provider: provider_key.to_string(),
            region: Region::Unknown,
            source: "resource argument `region` is not known before apply".to_string(),
            sensitive: false,
            api_region: Region::Unknown,
            shared: None,
        }),
        _ => None,
    }
}

fn describe_origin(cfg: &ProviderConfig) -> String {
    let region = cfg
        .region
        .as_ref()
        .map(ToString::to_string)
        .unwrap_or_default();
    if cfg.region_origin == "literal" {
        format!("\"{region}\"")
    } else {
        format!("\"{region}\" from {}", cfg.region_origin)
    }
}

struct ProviderResolution<'m> {
    config: Option<&'m ProviderConfig>,
    /// The key to show when no configuration was found (`aws`, `aws.dr`).
    key: String,
    chain: Vec<String>,
    missing: String,
}

impl ProviderResolution<'_> {
    /// The configuration's key, else the key that was looked for.
    fn config_key(&self) -> String {
        self.config
            .map(ProviderConfig::key)
            .unwrap_or_else(|| self.key.clone())
    }
}

/// Follows the provider reference through module calls: the module's own
/// block, else what the call passes in, else (for a default) the parent's.
fn resolve_provider<'m>(model: &'m Model, res: &Resource) -> ProviderResolution<'m> {
    let mut scope = res.provider.scope.to_vec();
    let mut name = res.provider.name.clone();
    let mut alias = res.provider.alias.clone();
    let mut chain = Vec::new();
    if !res.provider.origin.is_empty()
        && !res.provider.origin.starts_with("plan provider_config_key")
    {
        // The plan's key is the usual case; only unusual origins are worth saying.
        if !res.provider.origin.starts_with("implied")
            && !res.provider.origin.starts_with("`provider")
        {
            chain.push(res.provider.origin.clone());
        }
    }
    // The source address the module asked for: a parent configuration of
    // another provider with the same local name does not apply.
    let mut wanted_source: Option<&str> = None;
    for _ in 0..64 {
        let here = crate::model::provider_config_key(&scope, &name, alias.as_deref());
        if let Some(cfg) = model
            .provider_at(&scope, &name, alias.as_deref())
            .or_else(|| unexpanded_for_each(model, &scope, &name, alias.as_deref()))
        {
            if let (Some(wanted), Some(have)) = (wanted_source, cfg.source.as_deref())
                && wanted != have
            {
                return ProviderResolution {
                    config: None,
                    key: crate::model::provider_config_key(
                        &res.provider.scope,
                        &res.provider.name,
                        res.provider.alias.as_deref(),
                    ),
                    chain,
                    missing: format!(
                        "the module requires `{wanted}`, a different provider than `{here}` (`{have}`)"
                    ),
                };
            }
            wanted_source = wanted_source.or(cfg.source.as_deref());
            if cfg.is_block || scope.is_empty() {
                return ProviderResolution {
                    config: Some(cfg),
                    key: here,
                    chain,
                    missing: String::new(),
                };
            }
        }
        if let Some(set) = alias.as_deref().and_then(|a| a.strip_suffix("[*]")) {
            let set = crate::model::provider_config_key(&scope, &name, Some(set));
            return ProviderResolution {
                config: None,
                key: here,
                chain,
                missing: format!(
                    "which instance of `{set}` (OpenTofu provider `for_each`) is used is not known"
                ),
            };
        }
        if scope.is_empty() {
            let missing = if alias.is_some() {
                format!("no provider configuration `{here}` is defined")
            } else {
                format!(
                    "no `provider \"{name}\"` block: the region comes from the environment at run time"
                )
            };
            return ProviderResolution {
                config: None,
                key: here,
                chain,
                missing,
            };
        }
        let mut module_addr = crate::model::module_config_address(&scope);
        let local = crate::model::provider_local_key(&name, alias.as_deref());
        let passing = model
            .module_at(&scope)
            .map(|m| m.providers_for(&res.module));
        if let Some((_, Some(instance))) = passing {
            module_addr = instance.to_string();
        }
        let passed = passing.and_then(|(p, _)| p).map(|p| {
            p.iter()
                .find(|(child, _)| *child == local)
                .map(|(_, parent)| parent.clone())
        });
        match passed {
            Some(Some(parent)) => {
                chain.push(format!("`{module_addr}` gets {local} = {parent}"));
                let (n, a) = match parent.split_once('.') {
                    Some((n, a)) => (n.to_string(), Some(a.to_string())),
                    None => (parent.clone(), None),
                };
                name = n;
                alias = a;
            }
            _ if alias.is_none() => {
                if passed.is_none() && model.provider_at(&scope, &name, None).is_some() {
                    chain.push(format!("`{module_addr}` inherits `{name}` (assumed: the plan does not record provider passing)"));
                } else {
                    chain.push(format!("`{module_addr}` inherits `{name}`"));
                }
            }
            _ => {
                let why = if passed.is_none() {
                    "the plan does not record which configuration the module call passes"
                } else {
                    "the module call does not pass it"
                };
                return ProviderResolution {
                    config: None,
                    key: here.clone(),
                    chain,
                    missing: format!("`{here}` is not resolvable: {why}"),
                };
            }
        }
        scope.pop();
    }
    ProviderResolution {
        config: None,
        key: res.provider.local_key(),
        chain,
        missing: "provider chain too deep".to_string(),
    }
}

/// The configuration standing for every instance of an OpenTofu `for_each`
/// configuration whose keys are not known (`aws.cell[*]`), for a reference to
/// one of its instances (`aws.cell["tokyo"]`).
fn unexpanded_for_each<'m>(
    model: &'m Model,
    scope: &[String],
    name: &str,
    alias: Option<&str>,
) -> Option<&'m ProviderConfig> {
    let set = alias?.split_once('[')?.0;
    model
        .provider_at(scope, name, Some(&format!("{set}[*]")))
        .filter(|cfg| cfg.unexpanded_instances)
}

/// Where a target lives: the resolver's placement of the resource when it is
/// defined here, else the region field of the ARN that names it. With the
/// region as a message quotes it: `(sensitive)` when it came from a marked value.
pub fn of_target(resource: Option<&Resource>, arn: Option<&Text>) -> (Region, Text) {
    match (resource, arn) {
        (Some(res), _) => (res.placement.region.clone(), res.placement.region_text()),
        (None, Some(arn)) => {
            let region =
                of_arn(arn.as_str()).map_or(Region::Unknown, |r| Region::Known(r.to_string()));
            let text = arn.derive(region.to_string());
            (region, text)
        }
        (None, None) => (Region::Unknown, Text::plain(Region::Unknown.to_string())),
    }
}

/// Whether two placements are surely in one region (`Some(true)`), surely
/// in two (`Some(false)`), or not known to be either: equal known regions,
/// or unknown regions shared through one provider configuration.
pub fn same_region(a: &Placement, b: &Placement) -> Option<bool> {
    match (&a.region, &b.region) {
        (Region::Known(x), Region::Known(y)) => Some(x == y),
        (Region::Unknown, Region::Unknown) if a.shared.is_some() && a.shared == b.shared => {
            Some(true)
        }
        _ => None,
    }
}

/// How inputs write "the region of the stack this value is in" where it is
/// known only at deploy time: CloudFormation's pseudo parameter, as a
/// `${...}` part of a value (`!Sub arn:aws:backup:${AWS::Region}:...`).
const OWN_REGION: &[&str] = &["${AWS::Region}"];

/// Where an ARN written in `holder` points, as a placement: the region its
/// region field names, or `holder`'s own when that field is the holder's
/// own region written as such (`${AWS::Region}`); `None` when not known.
pub fn of_arn_in(holder: &Placement, arn: &str) -> Option<Placement> {
    let fields = arn_fields(arn);
    let field = *fields.get(3)?;
    if OWN_REGION.contains(&field) && fields.first() == Some(&"arn") {
        // A global resource's own region is its stack's, which it does not know.
        return (holder.region != Region::Global).then(|| holder.clone());
    }
    let region = of_arn(arn)?;
    Some(Placement {
        region: Region::Known(region.to_string()),
        api_region: Region::Known(region.to_string()),
        source: "the region field of its ARN".to_string(),
        ..Placement::default()
    })
}

/// An ARN's `:`-separated fields, a `${...}` part (`${AWS::Region}`) being
/// one field whatever it holds; the resource part is not split further.
pub fn arn_fields(arn: &str) -> Vec<&str> {
    let mut fields = Vec::new();
    let (mut start, mut depth) = (0, 0usize);
    let bytes = arn.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'{' if i > 0 && bytes[i - 1] == b'$' => depth += 1,
            b'}' if depth > 0 => depth -= 1,
            b':' if depth == 0 && fields.len() < 5 => {
                fields.push(&arn[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    fields.push(&arn[start..]);
    fields
}

/// The region field of an ARN (`arn:aws:kms:eu-west-1:111122223333:key/...`), when present.
pub fn of_arn(arn: &str) -> Option<&str> {
    let mut parts = arn.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let _partition = parts.next()?;
    let _service = parts.next()?;
    let region = parts.next()?;
    parts.next()?;
    // `arn:aws:ec2:*:*:volume/*` names every region, not one.
    looks_like_region(region).then_some(region)
}

/// `us-east-1` from the availability zone `us-east-1b`; `None` for AZ IDs
/// (`use1-az1`), Local Zones and other text.
pub fn of_zone(zone: &str) -> Option<&str> {
    let trimmed = zone.trim_end_matches(|c: char| c.is_ascii_lowercase());
    (trimmed.len() < zone.len() && looks_like_region(trimmed)).then_some(trimmed)
}

/// Whether text looks like an AWS region name (`us-east-1`, `us-gov-west-1`, `eu-central-2`).
pub fn looks_like_region(text: &str) -> bool {
    let parts: Vec<&str> = text.split('-').collect();
    parts.len() >= 3
        && parts[0].len() == 2
        && parts[0].bytes().all(|b| b.is_ascii_lowercase())
        && parts[1..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts[parts.len() - 1].parse::<u8>().is_ok()
}

/// AWS services whose resources are global, not regional.
pub fn is_global_type(res: &Resource) -> bool {
    let t = res.r#type.as_str();
    const GLOBAL_PREFIXES: &[&str] = &[
        "aws_iam_",
        "aws_route53domains_",
        "aws_cloudfront_",
        "aws_organizations_",
        "aws_waf_",
        "aws_globalaccelerator_",
        "aws_budgets_",
        "aws_ce_",
    ];
    const GLOBAL_DATA: &[&str] = &[
        "aws_caller_identity",
        "aws_partition",
        "aws_canonical_user_id",
        "aws_billing_service_account",
    ];
    if GLOBAL_PREFIXES.iter().any(|p| t.starts_with(p)) {
        return true;
    }
    if t.starts_with("aws_route53_") && !t.starts_with("aws_route53_resolver_") {
        return true;
    }
    if res.mode == Mode::Data && GLOBAL_DATA.contains(&t) {
        return true;
    }
    const WAFV2_SCOPED: &[&str] = &[
        "aws_wafv2_web_acl",
        "aws_wafv2_ip_set",
        "aws_wafv2_rule_group",
        "aws_wafv2_regex_pattern_set",
    ];
    WAFV2_SCOPED.contains(&t)
        && res
            .attr("scope")
            .and_then(Value::as_str)
            .is_some_and(|s| s.eq_ignore_ascii_case("CLOUDFRONT"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arn_regions() {
        assert_eq!(
            of_arn("arn:aws:kms:eu-west-1:111122223333:key/abc"),
            Some("eu-west-1")
        );
        assert_eq!(of_arn("arn:aws:s3:::bucket"), None);
        assert_eq!(of_arn("arn:aws:iam::111122223333:role/x"), None);
        assert_eq!(of_arn("not-an-arn"), None);
    }

    #[test]
    fn a_target_not_defined_here_is_placed_by_its_arn() {
        let marked = Text::new("arn:aws:backup:eu-west-1:111122223333:backup-vault:v", true);
        let (region, text) = of_target(None, Some(&marked));
        assert_eq!(region, Region::Known("eu-west-1".to_string()));
        assert_eq!(text.as_str(), "eu-west-1");
        assert_eq!(text.to_string(), "(sensitive)");
        let (region, text) = of_target(None, Some(&Text::plain("arn:aws:s3:::bucket")));
        assert_eq!(region, Region::Unknown);
        assert_eq!(text.to_string(), "unknown");
    }

    #[test]
    fn zones() {
        assert_eq!(of_zone("eu-central-1b"), Some("eu-central-1"));
        assert_eq!(of_zone("us-east-1-bos-1a"), None);
        assert_eq!(of_zone("use1-az1"), None);
        assert_eq!(of_zone("us-east-1"), None);
    }

    #[test]
    fn region_names() {
        for ok in [
            "us-east-1",
            "eu-central-2",
            "us-gov-west-1",
            "ap-southeast-4",
        ] {
            assert!(looks_like_region(ok), "{ok}");
        }
        for bad in ["us-east", "useast1", "us-east-1a", "US-EAST-1", "${var.r}"] {
            assert!(!looks_like_region(bad), "{bad}");
        }
    }

    /// Unknown regions shared through one provider configuration are one
    /// region; anything else unknown is not known to be the same.
    #[test]
    fn same_region_of_shared_unknowns() {
        let at = |region: Region, shared: Option<&str>| Placement {
            region,
            shared: shared.map(str::to_string),
            ..Placement::default()
        };
        let stack = at(Region::Unknown, Some("aws.App"));
        assert_eq!(same_region(&stack, &stack.clone()), Some(true));
        assert_eq!(
            same_region(&stack, &at(Region::Unknown, Some("aws.Dr"))),
            None
        );
        assert_eq!(same_region(&stack, &at(Region::Unknown, None)), None);
        assert_eq!(
            same_region(&at(Region::Unknown, None), &at(Region::Unknown, None)),
            None
        );
        let east = at(Region::Known("us-east-1".into()), None);
        assert_eq!(same_region(&east, &east.clone()), Some(true));
        assert_eq!(
            same_region(&east, &at(Region::Known("eu-west-1".into()), None)),
            Some(false)
        );
        assert_eq!(same_region(&east, &stack), None);
    }

    /// `${AWS::Region}` in an ARN is its holder's region; `${...}` parts are one field.
    #[test]
    fn arns_naming_their_own_region() {
        let arn = "arn:aws:backup:${AWS::Region}:${AWS::AccountId}:backup-vault:dr";
        assert_eq!(
            arn_fields(arn),
            [
                "arn",
                "aws",
                "backup",
                "${AWS::Region}",
                "${AWS::AccountId}",
                "backup-vault:dr"
            ]
        );
        let holder = Placement {
            shared: Some("aws".into()),
            ..Placement::default()
        };
        assert_eq!(of_arn_in(&holder, arn), Some(holder.clone()));
        let global = Placement {
            region: Region::Global,
            ..Placement::default()
        };
        assert_eq!(of_arn_in(&global, arn), None);
        let named = of_arn_in(
            &holder,
            "arn:aws:backup:us-west-2:111122223333:backup-vault:dr",
        );
        assert_eq!(
            named.map(|p| p.region),
            Some(Region::Known("us-west-2".into()))
        );
        assert_eq!(of_arn_in(&holder, "arn:aws:s3:::bucket"), None);
    }
}
