//! IAM policy documents in every form Terraform users write them, parsed once:
//! JSON strings (inline, heredoc, `jsonencode`, CDKTF's `JSON.stringify` with
//! `${...}` inside) and `aws_iam_policy_document` data sources. Statements are
//! normalised: Action / NotAction as lists, principals as (kind, id) pairs.

use crate::model::value::Text;
use crate::model::{Resource, Value};

/// Every text a message may quote is a `Text`: a policy Terraform marks
/// sensitive (the whole JSON string, or some values of a policy document)
/// keeps that mark on each part taken from it, and prints as `(sensitive)`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Statement {
    pub sid: Option<Text>,
    pub allow: bool,
    pub actions: Vec<Text>,
    pub not_actions: Vec<Text>,
    pub resources: Vec<Text>,
    /// (`AWS` / `Service` / `Federated` / `*`, identifier)
    pub principals: Vec<(String, Text)>,
    /// (operator, key, values)
    pub conditions: Vec<(String, String, Vec<Text>)>,
    /// Some part is known only after apply (its principals, effect, a
    /// condition...): the statement is neither a grant nor a denial.
    pub unknown: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct PolicyDoc {
    pub statements: Vec<Statement>,
    /// Statements may be missing: the list, an element of it or a document
    /// merged into it is known only after apply.
    pub partial: bool,
}

impl PolicyDoc {
    /// Every statement is known: only then can a rule say the document
    /// grants nothing of a kind. Unknown is never evidence.
    pub fn fully_known(&self) -> bool {
        !self.partial && self.statements.iter().all(|s| !s.unknown)
    }
}

impl Statement {
    /// Whether the statement's actions cover `action` (wildcards as IAM matches them).
    pub fn grants(&self, action: &str) -> bool {
        // An action known only after apply may be this one.
        if self.actions.iter().any(|a| a.as_str().contains("${")) {
            return true;
        }
        if !self.not_actions.is_empty() {
            return !self
                .not_actions
                .iter()
                .any(|p| wildcard_match(p.as_str(), action));
        }
        self.actions
            .iter()
            .any(|p| wildcard_match(p.as_str(), action))
    }

    /// Service principals, e.g. `logs.us-east-1.amazonaws.com`.
    pub fn services(&self) -> impl Iterator<Item = &str> {
        self.principals
            .iter()
            .filter(|(k, _)| k == "Service")
            .map(|(_, v)| v.as_str())
    }
}

/// IAM's wildcard match: `*` any run, `?` one character, case-insensitive.
pub fn wildcard_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_ascii_lowercase().chars().collect();
    let t: Vec<char> = text.to_ascii_lowercase().chars().collect();
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// Parses a policy from an attribute value: JSON text, known or partial. A
/// marked value is one string: every part of it is sensitive. (A policy
/// inside a marked block is marked itself: `Model::finish` puts every mark
/// on the leaves.)
pub fn from_value(value: &Value) -> Option<PolicyDoc> {
    let text = value.text()?;
    let json: serde_json::Value = serde_json::from_str(text.trim()).ok()?;
    from_json(&json, value.has_sensitive())
}

/// Parses a policy from JSON; `sensitive` marks every text taken from it.
pub fn from_json(json: &serde_json::Value, sensitive: bool) -> Option<PolicyDoc> {
    let statement = |json| statement_from_json(json, sensitive);
    let mut partial = false;
    let statements = match json.get("Statement")? {
        serde_json::Value::Array(items) => {
            // A statement known only after apply (`${...}` where an object
            // should be) may be any statement.
            partial = items.iter().any(|i| !i.is_object());
            items.iter().filter_map(statement).collect()
        }
        single @ serde_json::Value::Object(_) => statement(single).into_iter().collect(),
        _ => return None,
    };
    Some(PolicyDoc {
        statements,
        partial,
    })
}

/// A JSON value known only after apply, as a partial JSON text writes it:
/// a string that is one `${...}` and nothing else, standing for a value of
/// a kind not known yet.
fn unknown_json(json: &serde_json::Value) -> bool {
    match json {
        serde_json::Value::String(s) => crate::model::value::is_bare_interpolation(s),
        _ => false,
    }
}

fn strings(json: Option<&serde_json::Value>, sensitive: bool) -> Vec<Text> {
    match json {
        Some(serde_json::Value::String(s)) => vec![Text::new(s.as_str(), sensitive)],
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .filter_map(|i| i.as_str().map(|s| Text::new(s, sensitive)))
            .collect(),
        _ => Vec::new(),
    }
}

fn statement_from_json(json: &serde_json::Value, sensitive: bool) -> Option<Statement> {
    let strings = |json| strings(json, sensitive);
    let obj = json.as_object()?;
    // Who is granted, and whether it is a grant: when either is known only
    // after apply, the statement is neither a grant nor a denial. (Actions
    // and resources with `${...}` are read as "may be" by the rules; a
    // principal with text around its unknown part, `logs.${region}.amazonaws.com`, too.)
    let principal_unknown = match obj.get("Principal") {
        Some(serde_json::Value::Object(map)) => map.values().any(|ids| {
            unknown_json(ids)
                || ids
                    .as_array()
                    .is_some_and(|items| items.iter().any(unknown_json))
        }),
        Some(other) => unknown_json(other),
        None => false,
    };
    let unknown = principal_unknown
        || obj
            .get("Effect")
            .and_then(|e| e.as_str())
            .is_some_and(|e| e.contains("${"));
    let mut principals = Vec::new();
    match obj.get("Principal") {
        Some(serde_json::Value::String(s)) => {
            principals.push(("*".to_string(), Text::new(s.as_str(), sensitive)))
        }
        Some(serde_json::Value::Object(map)) => {
            for (kind, ids) in map {
                for id in strings(Some(ids)) {
                    principals.push((kind.clone(), id));
                }
            }
        }
        _ => {}
    }
    let mut conditions = Vec::new();
    if let Some(serde_json::Value::Object(ops)) = obj.get("Condition") {
        for (op, keys) in ops {
            for (key, values) in keys.as_object().into_iter().flatten() {
                conditions.push((op.clone(), key.clone(), strings(Some(values))));
            }
        }
    }
    Some(Statement {
        sid: obj
            .get("Sid")
            .and_then(|s| s.as_str())
            .map(|s| Text::new(s, sensitive)),
        allow: obj
            .get("Effect")
            .and_then(|e| e.as_str())
            .is_none_or(|e| e.eq_ignore_ascii_case("allow")),
        actions: strings(obj.get("Action")),
        not_actions: strings(obj.get("NotAction")),
        resources: strings(obj.get("Resource")),
        principals,
        conditions,
        unknown,
    })
}

/// Whether a part of `value` is wholly unknown. A partial string is not: it
/// keeps its unknown parts as `${...}` text, which the rules read as "may be".
fn has_unknown(value: &Value) -> bool {
    match value {
        Value::Unknown => true,
        Value::List(items) => items.iter().any(has_unknown),
        Value::Map(map) => map.values().any(has_unknown),
        Value::Sensitive(inner) => has_unknown(inner),
        _ => false,
    }
}

/// Nested blocks, each with whether it, or the list holding it, is marked.
fn marked_blocks(v: Option<&Value>, outer: bool) -> Vec<(&crate::model::value::Map, bool)> {
    let Some(v) = v else { return Vec::new() };
    let outer = outer || matches!(v, Value::Sensitive(_));
    match v.unmarked() {
        Value::List(items) => items
            .iter()
            .filter_map(|i| {
                let marked = outer || matches!(i, Value::Sensitive(_));
                i.as_map().map(|m| (m, marked))
            })
            .collect(),
        Value::Map(map) => vec![(map, outer)],
        _ => Vec::new(),
    }
}

/// Statements of an `aws_iam_policy_document` data source (its own `statement`
/// blocks; documents it merges are added by the caller, which can follow
/// references). A text is sensitive when its value, or any block or list
/// holding it, is marked.
pub fn from_policy_document(doc: &Resource) -> PolicyDoc {
    // Unknown entries stay as `${unknown}`: a rule must not read them as absent.
    let text = |v: &Value, outer: bool| -> Option<Text> {
        let sensitive = outer || v.has_sensitive();
        match v.unmarked() {
            Value::Unknown => Some(Text::new("${unknown}", sensitive)),
            other => other.text().map(|t| Text::new(t, sensitive)),
        }
    };
    let texts = |v: Option<&Value>, outer: bool| -> Vec<Text> {
        let Some(v) = v else { return Vec::new() };
        let outer = outer || matches!(v, Value::Sensitive(_));
        match v.unmarked() {
            Value::List(items) => items.iter().filter_map(|i| text(i, outer)).collect(),
            Value::Null => Vec::new(),
            other => text(other, outer).into_iter().collect(),
        }
    };
    let statement_list = doc.attr("statement");
    // An unknown list, or an element of it that is not a block yet.
    let partial = statement_list.is_some_and(|v| match v.unmarked() {
        Value::List(items) => items.iter().any(|i| i.unmarked().as_map().is_none()),
        Value::Map(_) | Value::Null => false,
        _ => true,
    });
    let statements = marked_blocks(statement_list, false)
        .into_iter()
        .map(|(s, marked)| Statement {
            unknown: s.values().any(has_unknown),
            sid: s
                .get("sid")
                .and_then(|v| v.text().map(|t| Text::new(t, marked || v.has_sensitive()))),
            // An effect known only after apply is no grant (and `unknown` below
            // keeps it from counting as no grant either).
            allow: match s.get("effect") {
                None => true,
                Some(v) if v.is_null() => true,
                Some(v) => v.text().is_some_and(|e| e.eq_ignore_ascii_case("allow")),
            },
            actions: texts(s.get("actions"), marked),
            not_actions: texts(s.get("not_actions"), marked),
            resources: texts(s.get("resources"), marked),
            principals: marked_blocks(s.get("principals"), marked)
                .into_iter()
                .flat_map(|(p, marked)| {
                    let kind = p
                        .get("type")
                        .and_then(|v| v.text())
                        .unwrap_or("*")
                        .to_string();
                    texts(p.get("identifiers"), marked)
                        .into_iter()
                        .map(move |id| (kind.clone(), id))
                })
                .collect(),
            conditions: marked_blocks(s.get("condition"), marked)
                .into_iter()
                .map(|(c, marked)| {
                    (
                        c.get("test")
                            .and_then(|v| v.text())
                            .unwrap_or_default()
                            .to_string(),
                        c.get("variable")
                            .and_then(|v| v.text())
                            .unwrap_or_default()
                            .to_string(),
                        texts(c.get("values"), marked),
                    )
                })
                .collect(),
        })
        .collect();
    PolicyDoc {
        statements,
        partial,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards() {
        assert!(wildcard_match("kms:*", "kms:Decrypt"));
        assert!(wildcard_match(
            "kms:GenerateDataKey*",
            "kms:GenerateDataKeyWithoutPlaintext"
        ));
        assert!(wildcard_match("*", "s3:PutObject"));
        assert!(wildcard_match("KMS:decrypt", "kms:Decrypt"));
        assert!(!wildcard_match("kms:Encrypt", "kms:Decrypt"));
        assert!(wildcard_match("s3:Get?ucketAcl", "s3:GetBucketAcl"));
    }

    #[test]
    fn json_forms() {
        let doc = from_value(&Value::Partial(
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"logs.${data.aws_region.r.name}.amazonaws.com"},"Action":["kms:Encrypt*","kms:Decrypt"],"Resource":"*"}}"#.into(),
        ))
        .expect("partial JSON parses");
        let s = &doc.statements[0];
        assert!(
            s.allow && s.grants("kms:Encrypt") && s.grants("kms:Decrypt") && !s.grants("kms:Sign")
        );
        assert_eq!(
            s.services().collect::<Vec<_>>(),
            ["logs.${data.aws_region.r.name}.amazonaws.com"]
        );
        let deny = from_value(&Value::String(
            r#"{"Statement":[{"Effect":"Deny","NotAction":"iam:*","Principal":"*"}]}"#.into(),
        ))
        .unwrap();
        assert!(!deny.statements[0].allow);
        assert!(
            deny.statements[0].grants("s3:GetObject") && !deny.statements[0].grants("iam:PassRole")
        );
        assert!(from_value(&Value::Unknown).is_none());
        // Unknown parts of a `jsonencode`: an unknown resource is one element;
        // an unknown statement, principal or effect is neither grant nor denial.
        let doc = from_value(&Value::Partial(
            r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject","Resource":["arn:aws:s3:::a/*","${unknown}"]}]}"#.into(),
        ))
        .unwrap();
        assert!(doc.fully_known());
        assert_eq!(doc.statements[0].resources.len(), 2);
        for partial in [
            r#"{"Statement":[{"Effect":"Allow","Action":"s3:PutObject"},"${unknown}"]}"#,
            r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"${var.p}"}}]}"#,
            r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":["a","${unknown}"]}}]}"#,
            r#"{"Statement":[{"Effect":"Allow","Principal":"${var.p}"}]}"#,
            r#"{"Statement":[{"Effect":"${var.effect}","Principal":"*"}]}"#,
        ] {
            let doc = from_value(&Value::Partial(partial.into())).unwrap();
            assert!(!doc.fully_known(), "{partial}");
        }
        assert!(from_value(&Value::String("not json".into())).is_none());
    }
}
