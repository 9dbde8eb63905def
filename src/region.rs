//! The one region resolver. Every rule and `tfward inventory` use its answer;
//! the order is the one in RULES.md ("How a resource's region is decided").

use crate::address;
use crate::model::{Model, Placement, ProviderConfig, Region, Resource, Value};

/// Decides the provider configuration and the region of one resource.
pub fn resolve(model: &Model, res: &Resource) -> Placement {
    let mut placement = resolve_region(model, res);
    placement.api_region = match &placement.region {
        Region::Global => provider_region(model, res),
        other => other.clone(),
    };
    placement
}

/// The region of the provider configuration a resource uses, whatever the resource.
fn provider_region(model: &Model, res: &Resource) -> Region {
    match resolve_provider(model, res)
        .config
        .and_then(|c| c.region.as_ref())
        .map(Value::unmarked)
    {
        Some(Value::String(r)) if !r.is_empty() => Region::Known(r.clone()),
        _ => Region::Unknown,
    }
}

fn resolve_region(model: &Model, res: &Resource) -> Placement {
    let provider = resolve_provider(model, res);
    let provider_key = provider
        .config
        .map(ProviderConfig::key)
        .unwrap_or_else(|| provider.key.clone());

    // 1. The resource's own `region` argument (AWS provider 6), when known and not null.
    if res.provider.name == "aws" && !is_global_type(res) {
        match res.attr("region").map(Value::unmarked) {
            Some(Value::String(r)) if !r.is_empty() => {
                return Placement {
                    provider: provider_key,
                    region: Region::Known(r.clone()),
                    source: "resource argument `region`".to_string(),
                    sensitive: res.attr("region").is_some_and(Value::has_sensitive),
                    api_region: Region::Unknown,
                };
            }
            Some(Value::Unknown | Value::Partial(_)) => {
                return Placement {
                    provider: provider_key,
                    region: Region::Unknown,
                    source: "resource argument `region` is not known before apply".to_string(),
                    sensitive: false,
                    api_region: Region::Unknown,
                };
            }
            _ => {}
        }
    }
    // 4 (checked early: a global service is global whatever its provider's region).
    if is_global_type(res) {
        return Placement {
            provider: provider_key,
            region: Region::Global,
            source: format!("global service (`{}`)", res.r#type),
            sensitive: false,
            api_region: Region::Unknown,
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
                    api_region: Region::Unknown,
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
    if let Some(region) = res
        .attr("arn")
        .and_then(Value::as_str)
        .and_then(address::arn_region)
    {
        return Placement {
            provider: provider_key,
            region: Region::Known(region.to_string()),
            source: format!("region field of the resource's ARN; {from_provider}"),
            sensitive: res.attr("arn").is_some_and(Value::has_sensitive),
            api_region: Region::Unknown,
        };
    }
    Placement {
        provider: provider_key,
        region: Region::Unknown,
        source: from_provider,
        sensitive: false,
        api_region: Region::Unknown,
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
        if let Some(cfg) = model.provider_at(&scope, &name, alias.as_deref()) {
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
        let module_addr = crate::model::module_config_address(&scope);
        let local = crate::model::provider_local_key(&name, alias.as_deref());
        let passed = model
            .module_at(&scope)
            .and_then(|m| m.providers.as_ref())
            .map(|p| {
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
    if res.mode == crate::model::Mode::Data && GLOBAL_DATA.contains(&t) {
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
