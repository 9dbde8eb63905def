//! Custom rules, checked: a team's `custom_rule` blocks (read by
//! `policy::custom`) evaluated on the same model, so regions, providers and
//! references come from the resolver like every built-in rule's.

use super::context::Context;
use super::finding::Findings;
use super::rule::{Check, Rule};
use crate::model::{Mode, Region, Resource};
use crate::policy::custom::{Assertion, CustomRule, Selector};

/// The custom rule at `index` of a policy's `custom_rules`, as the engine runs it.
pub fn rule(index: usize, custom: &CustomRule) -> Rule<'_> {
    Rule {
        meta: custom.meta(),
        check: Check::Custom(index),
    }
}

/// The check of the custom rule at `index` of the context's policy.
pub fn check(ctx: &Context, index: usize, out: &mut Findings) {
    let Some(rule) = ctx.policy.custom_rules.get(index) else {
        return;
    };
    for res in ctx.resources() {
        if res.mode != Mode::Managed || !selected(&rule.select, res) {
            continue;
        }
        let failed: Vec<String> = rule
            .asserts
            .iter()
            .filter_map(|a| violation(ctx, res, a))
            .collect();
        if !failed.is_empty() {
            out.report(
                res,
                format!(
                    "`{}` ({}): {}: {}",
                    res.address,
                    res.placement.region_text(),
                    rule.message,
                    failed.join("; ")
                ),
            );
        }
    }
}

fn selected(select: &Selector, res: &Resource) -> bool {
    select.types.iter().any(|p| p.matches(&res.r#type))
        && select
            .module
            .as_ref()
            .is_none_or(|m| m.matches(&res.module))
        && (select.regions.is_empty()
            || res
                .placement
                .region
                .name()
                .is_some_and(|r| select.regions.iter().any(|x| x == r)))
        && (select.providers.is_empty() || select.providers.contains(&res.placement.provider))
}

/// Why the resource fails an assertion; `None` when it holds or cannot be judged (unknown).
fn violation(ctx: &Context, res: &Resource, assertion: &Assertion) -> Option<String> {
    let value = |attr: &str| ctx.values(res, attr).into_iter().next();
    match assertion {
        Assertion::Exists(attr, want) => {
            let present = value(attr).is_some_and(|v| !v.is_null());
            (present != *want).then(|| {
                if *want {
                    format!("`{attr}` is not set")
                } else {
                    format!("`{attr}` is set")
                }
            })
        }
        Assertion::Equals(attr, want) => {
            let v = value(attr)?;
            if !v.is_known() {
                return None;
            }
            let same = v.unmarked() == want
                || (v.as_str().is_some() && v.as_str() == want.as_str())
                || (v.as_bool().is_some()
                    && v.as_bool() == want.as_bool()
                    && want.as_bool().is_some())
                || (v.as_f64().is_some() && v.as_f64() == want.as_f64() && want.as_f64().is_some());
            (!same).then(|| format!("`{attr}` is not {want}"))
        }
        Assertion::OneOf(attr, allowed) => {
            let v = value(attr)?;
            if !v.is_known() {
                return None;
            }
            let text = v.to_string();
            (!allowed.iter().any(|a| a.to_string() == text))
                .then(|| format!("`{attr}` is not one of the allowed values"))
        }
        Assertion::Matches(attr, re) => {
            let v = value(attr)?;
            let text = v.as_str()?;
            (!re.is_match(text)).then(|| format!("`{attr}` does not match `{}`", re.as_str()))
        }
        Assertion::Compare(attr, op, n) => {
            let x = value(attr)?.as_f64()?;
            let holds = match *op {
                ">" => x > *n,
                ">=" => x >= *n,
                "<" => x < *n,
                _ => x <= *n,
            };
            (!holds).then(|| format!("`{attr}` is not {op} {n}"))
        }
        Assertion::RegionIn(regions) => match &res.placement.region {
            Region::Known(r) if !regions.contains(r) => Some(format!(
                "it is in {}, not in {}",
                res.placement.region_text(),
                regions.join(", ")
            )),
            _ => None,
        },
        Assertion::MustReference(kind, same_region) => {
            let targets: Vec<&Resource> = res
                .refs
                .iter()
                .flat_map(|r| ctx.model.lookup(&r.target))
                .filter(|t| kind.matches(&t.r#type))
                .collect();
            let ok = targets.iter().any(|t| {
                !same_region
                    || t.placement.region == res.placement.region
                    || t.placement.region == Region::Unknown
            });
            (!ok).then(|| {
                if targets.is_empty() {
                    format!("it references no `{}`", kind.as_str())
                } else {
                    format!("it references no `{}` in its own region", kind.as_str())
                }
            })
        }
        Assertion::MustBeReferencedBy(kind, same_region) => {
            let users: Vec<&Resource> = ctx
                .referrers(res)
                .into_iter()
                .map(|(u, _)| u)
                .filter(|u| kind.matches(&u.r#type))
                .collect();
            let ok = users.iter().any(|u| {
                !same_region
                    || u.placement.region == res.placement.region
                    || u.placement.region == Region::Unknown
            });
            (!ok).then(|| {
                if users.is_empty() {
                    format!("no `{}` references it", kind.as_str())
                } else {
                    format!("no `{}` in its own region references it", kind.as_str())
                }
            })
        }
    }
}
