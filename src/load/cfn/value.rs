//! Template values with their intrinsic functions recognised: every YAML
//! short form (`!GetAtt a.b`) and JSON long form (`{"Fn::GetAtt": [a, b]}`)
//! becomes the same `Intrinsic`, named as the long form is.

use super::node::{Entry, Kind, Node};
use super::yaml::Failure;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub enum CfnValue {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<CfnValue>),
    Map(BTreeMap<String, CfnValue>),
    /// `Ref`, `Condition` or `Fn::*`, with its argument as written.
    Intrinsic {
        name: String,
        arg: Box<CfnValue>,
    },
}

impl CfnValue {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            CfnValue::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_map(&self) -> Option<&BTreeMap<String, CfnValue>> {
        match self {
            CfnValue::Map(map) => Some(map),
            _ => None,
        }
    }

    fn intrinsic(name: &str, arg: CfnValue) -> CfnValue {
        CfnValue::Intrinsic {
            name: name.to_string(),
            arg: Box::new(arg),
        }
    }
}

/// The short-form tags and the function each stands for.
const TAGS: [(&str, &str); 19] = [
    ("Ref", "Ref"),
    ("Condition", "Condition"),
    ("GetAtt", "Fn::GetAtt"),
    ("Sub", "Fn::Sub"),
    ("Join", "Fn::Join"),
    ("Select", "Fn::Select"),
    ("Split", "Fn::Split"),
    ("If", "Fn::If"),
    ("Equals", "Fn::Equals"),
    ("And", "Fn::And"),
    ("Or", "Fn::Or"),
    ("Not", "Fn::Not"),
    ("FindInMap", "Fn::FindInMap"),
    ("ImportValue", "Fn::ImportValue"),
    ("Base64", "Fn::Base64"),
    ("Cidr", "Fn::Cidr"),
    ("GetAZs", "Fn::GetAZs"),
    ("Transform", "Fn::Transform"),
    ("ToJsonString", "Fn::ToJsonString"),
];

/// The value of `node`; `line` is the nearest known line above it (JSON keeps
/// lines only for logical IDs).
pub fn convert(node: &Node, line: u32) -> Result<CfnValue, Failure> {
    let line = if node.line > 0 { node.line } else { line };
    if let Some(tag) = &node.tag {
        let Some((_, name)) = TAGS.iter().find(|(short, _)| short == tag) else {
            return Err((line, format!("unknown tag !{tag}")));
        };
        let arg = untagged(node, line)?;
        // `!GetAtt a.b` is the scalar form of `[a, b]`.
        let arg = match (*name, arg) {
            ("Fn::GetAtt", CfnValue::String(s)) => match s.split_once('.') {
                Some((id, attr)) if !id.is_empty() && !attr.is_empty() => CfnValue::List(vec![
                    CfnValue::String(id.to_string()),
                    CfnValue::String(attr.to_string()),
                ]),
                _ => {
                    return Err((line, format!("!GetAtt {s:?}: expected LogicalId.Attribute")));
                }
            },
            (_, arg) => arg,
        };
        check(name, &arg, line)?;
        return Ok(CfnValue::intrinsic(name, arg));
    }
    untagged(node, line)
}

/// The value of `node` as if it had no tag.
fn untagged(node: &Node, line: u32) -> Result<CfnValue, Failure> {
    let line = if node.line > 0 { node.line } else { line };
    Ok(match &node.kind {
        Kind::Null => CfnValue::Null,
        Kind::Bool(b) => CfnValue::Bool(*b),
        Kind::Number(n) => CfnValue::Number(*n),
        Kind::String(s) => CfnValue::String(s.clone()),
        Kind::List(items) => CfnValue::List(
            items
                .iter()
                .map(|item| convert(item, line))
                .collect::<Result<_, _>>()?,
        ),
        Kind::Map(entries) => {
            if let [entry] = entries.as_slice()
                && is_function_key(entry)
            {
                let arg = convert(&entry.value, line)?;
                check(&entry.key, &arg, line)?;
                return Ok(CfnValue::intrinsic(&entry.key, arg));
            }
            CfnValue::Map(
                entries
                    .iter()
                    .map(|e| Ok((e.key.clone(), convert(&e.value, line)?)))
                    .collect::<Result<_, Failure>>()?,
            )
        }
    })
}

/// A one-key map is a function call when its key is `Ref` or `Fn::*`, or
/// `Condition` naming a condition (an IAM statement's `Condition` is a map).
fn is_function_key(entry: &Entry) -> bool {
    entry.key == "Ref"
        || entry.key.starts_with("Fn::")
        || (entry.key == "Condition" && matches!(entry.value.kind, Kind::String(_)))
}

/// The argument shapes CloudFormation accepts; an intrinsic inside stands for
/// whatever it evaluates to.
fn check(name: &str, arg: &CfnValue, line: u32) -> Result<(), Failure> {
    let is_call = |v: &CfnValue| matches!(v, CfnValue::Intrinsic { .. });
    let list_len = |v: &CfnValue| match v {
        CfnValue::List(items) => Some(items.len()),
        _ => None,
    };
    let ok = match name {
        "Ref" | "Condition" => matches!(arg, CfnValue::String(s) if !s.is_empty()),
        "Fn::GetAtt" => match arg {
            CfnValue::List(items) => items.len() == 2 && matches!(items[0], CfnValue::String(_)),
            _ => false,
        },
        "Fn::Sub" => match arg {
            CfnValue::String(_) => true,
            CfnValue::List(items) => {
                items.len() == 2
                    && matches!(items[0], CfnValue::String(_))
                    && matches!(items[1], CfnValue::Map(_))
            }
            _ => false,
        },
        "Fn::Join" => match arg {
            CfnValue::List(items) => {
                items.len() == 2
                    && matches!(items[0], CfnValue::String(_))
                    && (list_len(&items[1]).is_some() || is_call(&items[1]))
            }
            _ => false,
        },
        "Fn::Select" | "Fn::Split" | "Fn::Equals" => list_len(arg) == Some(2),
        "Fn::If" => list_len(arg) == Some(3),
        "Fn::And" | "Fn::Or" => matches!(list_len(arg), Some(2..=10)),
        "Fn::Not" => list_len(arg) == Some(1),
        "Fn::FindInMap" => matches!(list_len(arg), Some(3 | 4)),
        "Fn::Cidr" => list_len(arg) == Some(3),
        _ => true,
    };
    // `Fn::Transform` (a macro) may stand for any argument.
    let macro_arg = is_call(arg) && !matches!(name, "Ref" | "Condition" | "Fn::GetAtt");
    if ok || macro_arg {
        Ok(())
    } else {
        Err((line, format!("malformed {name}: {}", expected(name))))
    }
}

fn expected(name: &str) -> &'static str {
    match name {
        "Ref" => "expected the name of a parameter or resource",
        "Condition" => "expected the name of a condition",
        "Fn::GetAtt" => "expected [LogicalId, Attribute] or LogicalId.Attribute",
        "Fn::Sub" => "expected a string or [string, {variables}]",
        "Fn::Join" => "expected [delimiter, [values]]",
        "Fn::Select" => "expected [index, [values]]",
        "Fn::Split" => "expected [delimiter, string]",
        "Fn::Equals" => "expected [value, value]",
        "Fn::If" => "expected [condition, value if true, value if false]",
        "Fn::And" | "Fn::Or" => "expected a list of 2 to 10 conditions",
        "Fn::Not" => "expected [condition]",
        "Fn::FindInMap" => "expected [map, top-level key, second-level key]",
        "Fn::Cidr" => "expected [ip block, count, cidr bits]",
        _ => "unexpected argument",
    }
}
