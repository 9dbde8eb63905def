//! Custom rules teams write in HCL (`custom_rule` blocks in a policy or
//! `.tfward.hcl`), read into data; `rules::custom` checks them.

use crate::error::Result;
use crate::hcl_literal::{SettingsFile, literal};
use crate::model::Value;
use crate::rules::meta::{Family, RuleMeta, Severity};
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
    /// Why it matters, as `explain` shows it: the message and the origin.
    pub rationale: String,
    /// What `explain` shows as the example: where it is declared.
    pub example: String,
}

impl CustomRule {
    /// The rule's metadata, its texts borrowed from the declaration.
    pub fn meta(&self) -> RuleMeta<'_> {
        RuleMeta {
            id: &self.id,
            family: Family::Custom,
            severity: self.severity,
            title: &self.title,
            rationale: &self.rationale,
            remediation: if self.remediation.is_empty() {
                "See the team's policy."
            } else {
                &self.remediation
            },
            example: &self.example,
            opt_in: false,
            // Its selector's patterns, not a list of types.
            reads: &[],
        }
    }
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

/// Parses a `custom_rule "<id>" { ... }` block; its id must not be one of
/// `builtin_rules`.
pub fn parse(
    file: &SettingsFile,
    block: &edit::Block,
    builtin_rules: &[&str],
) -> Result<CustomRule> {
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
    if builtin_rules.contains(&id.as_str()) {
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
        rationale: String::new(),
        example: String::new(),
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
    rule.rationale = format!("{} (custom rule declared at {})", rule.message, rule.origin);
    rule.example = format!("# declared at {}", rule.origin);
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
