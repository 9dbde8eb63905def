//! Custom rules teams write in HCL (`custom_rule` blocks in a policy or
//! `.tfward.hcl`), evaluated on the same model: regions, providers and
//! references come from the resolver like every built-in rule's.

use super::{Context, Family, Findings, Rule, RuleMeta, Severity};
use crate::error::Result;
use crate::hcl_literal::{SettingsFile, literal};
use crate::model::{Mode, Region, Resource, Value};
use hcl::edit::Span;
use hcl::edit::structure as edit;

#[derive(Debug, Clone)]
pub struct CustomRule {
    pub id: String,
    pub severity: Severity,
    pub title: String,
    pub message: String,
    pub remediation: String,
    pub select: Selector,
    pub asserts: Vec<Assertion>,
    /// Where it is declared, for errors and docs.
    pub origin: String,
}

#[derive(Debug, Clone, Default)]
pub struct Selector {
    pub types: Vec<glob::Pattern>,
    pub module: Option<glob::Pattern>,
    pub regions: Vec<String>,
    pub providers: Vec<String>,
}

#[derive(Debug, Clone)]
pub enum Assertion {
    Exists(String, bool),
    Equals(String, Value),
    OneOf(String, Vec<Value>),
    Matches(String, regex::Regex),
    Compare(String, &'static str, f64),
    RegionIn(Vec<String>),
    /// A reference (any attribute) to a resource of this type, optionally in the same region.
    MustReference(glob::Pattern, bool),
    /// Referenced by a resource of this type, optionally in the same region.
    MustBeReferencedBy(glob::Pattern, bool),
}

/// Parses a `custom_rule "<id>" { ... }` block.
pub fn parse(file: &SettingsFile, block: &edit::Block) -> Result<CustomRule> {
    let block_line = file.line(block.span());
    let [label] = block.labels.as_slice() else {
        return Err(file.error(
            block_line,
            "`custom_rule` needs one label: the rule id".to_string(),
        ));
    };
    let id = label.as_str().to_string();
    if id.is_empty()
        || !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(file.error(
            block_line,
            format!("custom rule id `{id}` must be kebab-case"),
        ));
    }
    if super::RULES.iter().any(|r| r.meta.id == id) {
        return Err(file.error(
            block_line,
            format!("custom rule `{id}` has the id of a built-in rule"),
        ));
    }
    let mut rule = CustomRule {
        id: id.clone(),
        severity: Severity::Medium,
        title: String::new(),
        message: String::new(),
        remediation: String::new(),
        select: Selector::default(),
        asserts: Vec::new(),
        origin: format!("{}:{}", file.path().display(), block_line.unwrap_or(0)),
    };
    for attr in block.body.attributes() {
        let line = file.line(attr.span());
        let value = literal(&attr.value.clone().into());
        let text_value = || {
            value.as_str().map(str::to_string).ok_or_else(|| {
                file.error(line, format!("`{}` must be a string", attr.key.as_str()))
            })
        };
        match attr.key.as_str() {
            "severity" => {
                rule.severity = value.as_str().and_then(Severity::parse).ok_or_else(|| {
                    file.error(
                        line,
                        "`severity` must be one of low, medium, high, critical".to_string(),
                    )
                })?
            }
            "title" => rule.title = text_value()?,
            "message" => rule.message = text_value()?,
            "remediation" => rule.remediation = text_value()?,
            other => return Err(file.error(line, format!("unknown custom rule setting `{other}`"))),
        }
    }
    for inner in block.body.blocks() {
        let line = file.line(inner.span());
        match inner.ident.as_str() {
            "select" => rule.select = parse_select(&inner.body, file)?,
            "assert" => rule.asserts.push(parse_assert(&inner.body, line, file)?),
            other => return Err(file.error(line, format!("unknown custom rule block `{other}`"))),
        }
    }
    if rule.select.types.is_empty() {
        return Err(file.error(
            block_line,
            format!("custom rule `{id}` needs `select {{ type = \"...\" }}`"),
        ));
    }
    if rule.asserts.is_empty() {
        return Err(file.error(
            block_line,
            format!("custom rule `{id}` needs at least one `assert` block"),
        ));
    }
    if rule.title.is_empty() {
        rule.title = format!("Custom rule {id}");
    }
    if rule.message.is_empty() {
        rule.message = rule.title.clone();
    }
    Ok(rule)
}

fn strings(value: &Value) -> Option<Vec<String>> {
    match value {
        Value::String(s) => Some(vec![s.clone()]),
        Value::List(items) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => None,
    }
}

fn pattern(text: &str, line: Option<usize>, file: &SettingsFile) -> Result<glob::Pattern> {
    glob::Pattern::new(text)
        .map_err(|e| file.error(line, format!("`{text}` is not a valid pattern: {e}")))
}

fn parse_select(body: &edit::Body, file: &SettingsFile) -> Result<Selector> {
    let mut select = Selector::default();
    for attr in body.attributes() {
        let line = file.line(attr.span());
        let value = literal(&attr.value.clone().into());
        let list = strings(&value).ok_or_else(|| {
            file.error(
                line,
                format!(
                    "`{}` must be a string or a list of strings",
                    attr.key.as_str()
                ),
            )
        })?;
        match attr.key.as_str() {
            "type" => {
                select.types = list
                    .iter()
                    .map(|t| pattern(t, line, file))
                    .collect::<Result<_>>()?
            }
            "module" => select.module = Some(pattern(&list.join(""), line, file)?),
            "region" => select.regions = list,
            "provider" => select.providers = list,
            other => return Err(file.error(line, format!("unknown `select` setting `{other}`"))),
        }
    }
    Ok(select)
}

fn parse_assert(
    body: &edit::Body,
    block_line: Option<usize>,
    file: &SettingsFile,
) -> Result<Assertion> {
    let mut attribute: Option<String> = None;
    let mut same_region = false;
    let mut check: Option<(String, Value, Option<usize>)> = None;
    for attr in body.attributes() {
        let line = file.line(attr.span());
        let value = literal(&attr.value.clone().into());
        match attr.key.as_str() {
            "attribute" => {
                attribute =
                    Some(value.as_str().map(str::to_string).ok_or_else(|| {
                        file.error(line, "`attribute` must be a string".to_string())
                    })?)
            }
            "same_region" => {
                same_region = value.as_bool().ok_or_else(|| {
                    file.error(line, "`same_region` must be true or false".to_string())
                })?
            }
            key => {
                if check.is_some() {
                    return Err(file.error(
                        line,
                        format!("an `assert` block checks one thing; `{key}` is a second"),
                    ));
                }
                check = Some((key.to_string(), value, line));
            }
        }
    }
    let Some((kind, value, line)) = check else {
        return Err(file.error(block_line, "an `assert` block needs a check (exists, equals, one_of, matches, greater_than, ..., region_in, must_reference, must_be_referenced_by)".to_string()));
    };
    let needs_attribute = || {
        attribute
            .clone()
            .ok_or_else(|| file.error(block_line, format!("`{kind}` needs `attribute = \"...\"`")))
    };
    Ok(match kind.as_str() {
        "exists" => Assertion::Exists(
            needs_attribute()?,
            value
                .as_bool()
                .ok_or_else(|| file.error(line, "`exists` must be true or false".to_string()))?,
        ),
        "equals" => Assertion::Equals(needs_attribute()?, value),
        "one_of" => Assertion::OneOf(
            needs_attribute()?,
            value
                .as_list()
                .map(<[Value]>::to_vec)
                .ok_or_else(|| file.error(line, "`one_of` must be a list".to_string()))?,
        ),
        "matches" => {
            let text = value.as_str().ok_or_else(|| {
                file.error(
                    line,
                    "`matches` must be a regular expression string".to_string(),
                )
            })?;
            Assertion::Matches(
                needs_attribute()?,
                regex::Regex::new(text).map_err(|e| file.error(line, format!("`matches`: {e}")))?,
            )
        }
        op @ ("greater_than" | "greater_or_equal" | "less_than" | "less_or_equal") => {
            let n = value
                .as_f64()
                .ok_or_else(|| file.error(line, format!("`{op}` must be a number")))?;
            let op: &'static str = match op {
                "greater_than" => ">",
                "greater_or_equal" => ">=",
                "less_than" => "<",
                _ => "<=",
            };
            Assertion::Compare(needs_attribute()?, op, n)
        }
        "region_in" => Assertion::RegionIn(strings(&value).ok_or_else(|| {
            file.error(line, "`region_in` must be a list of regions".to_string())
        })?),
        "must_reference" => Assertion::MustReference(
            pattern(value.as_str().unwrap_or_default(), line, file)?,
            same_region,
        ),
        "must_be_referenced_by" => Assertion::MustBeReferencedBy(
            pattern(value.as_str().unwrap_or_default(), line, file)?,
            same_region,
        ),
        other => return Err(file.error(line, format!("unknown check `{other}`"))),
    })
}

impl CustomRule {
    /// The rule as the engine sees it. The strings live as long as the process:
    /// a handful per policy file.
    pub fn to_rule(&self) -> &'static Rule {
        let leak = |s: &str| -> &'static str { Box::leak(s.to_string().into_boxed_str()) };
        Box::leak(Box::new(Rule {
            meta: RuleMeta {
                id: leak(&self.id),
                family: Family::Custom,
                severity: self.severity,
                title: leak(&self.title),
                rationale: leak(&format!(
                    "{} (custom rule declared at {})",
                    self.message, self.origin
                )),
                remediation: leak(if self.remediation.is_empty() {
                    "See the team's policy."
                } else {
                    &self.remediation
                }),
                example: leak(&format!("# declared at {}", self.origin)),
                opt_in: false,
            },
            check,
        }))
    }
}

/// The check of every custom rule: finds its declaration in the context's policy.
fn check(ctx: &Context, out: &mut Findings) {
    let Some(rule) = ctx
        .policy
        .custom_rules
        .iter()
        .find(|r| r.id == out.rule_id())
    else {
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
