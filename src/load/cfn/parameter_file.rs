//! `--parameter-file FILE`: template parameter values from the files the
//! CloudFormation CLI and CodePipeline read, recognised by their shape:
//! `aws cloudformation create-stack --parameters file://params.json` (a list
//! of `{"ParameterKey", "ParameterValue"}`; `UsePreviousValue` sets nothing
//! here: the previous value is the deployed stack's, which tfward never sees),
//! `aws cloudformation deploy --parameter-overrides file://params.json` (also
//! a list of `"Key=Value"`), and CodePipeline's template configuration file
//! (`{"Parameters": {...}, "Tags": {...}, "StackPolicy": {...}}`).

use crate::error::{Error, Result};
use crate::text::bounded::Limit;
use crate::text::read_text;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

const SHAPES: &str = "expected a CloudFormation CLI parameters file ([{\"ParameterKey\": ..., \"ParameterValue\": ...}]) or a CodePipeline template configuration file ({\"Parameters\": {...}})";

/// The parameter values `path` sets, read within `limit`.
pub fn read(path: &Path, limit: Limit) -> Result<BTreeMap<String, String>> {
    let text = read_text(path, limit)?;
    let doc: Value = serde_json::from_str(&text).map_err(|e| Error::json(path, &e))?;
    parse(&doc).map_err(|message| Error::input(path, message))
}

/// The values a parsed parameters file sets, or why it is not one.
fn parse(doc: &Value) -> std::result::Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    match doc {
        Value::Array(entries) => {
            for (i, entry) in entries.iter().enumerate() {
                let at = |what: &str| format!("entry {}: {what}", i + 1);
                match entry {
                    Value::Object(fields) => {
                        let Some(Value::String(key)) = fields.get("ParameterKey") else {
                            return Err(at("no \"ParameterKey\" text"));
                        };
                        match fields.get("ParameterValue") {
                            Some(value) => {
                                let value = text(value).ok_or_else(|| {
                                    at(&format!("{key}: \"ParameterValue\" is not text"))
                                })?;
                                out.insert(key.clone(), value);
                            }
                            None if fields.get("UsePreviousValue") == Some(&Value::Bool(true)) => {}
                            None => {
                                return Err(at(&format!(
                                    "{key}: neither \"ParameterValue\" nor \"UsePreviousValue\": true"
                                )));
                            }
                        }
                    }
                    Value::String(pair) => {
                        let Some((key, value)) =
                            pair.split_once('=').filter(|(k, _)| !k.is_empty())
                        else {
                            return Err(at("expected \"Key=Value\""));
                        };
                        out.insert(key.to_string(), value.to_string());
                    }
                    _ => return Err(format!("{} ({})", at("not a parameter"), SHAPES)),
                }
            }
        }
        Value::Object(top) => {
            let Some(parameters) = top.get("Parameters") else {
                return Err(format!("no \"Parameters\": {SHAPES}"));
            };
            let Value::Object(parameters) = parameters else {
                return Err("\"Parameters\": expected an object of names and values".to_string());
            };
            for (key, value) in parameters {
                let value =
                    text(value).ok_or_else(|| format!("\"Parameters\": {key}: not text"))?;
                out.insert(key.clone(), value);
            }
        }
        _ => return Err(SHAPES.to_string()),
    }
    Ok(out)
}

/// A value as the CLI passes it: text; a number or a boolean as written.
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::parse;
    use serde_json::json;

    fn pairs(doc: serde_json::Value) -> Vec<(String, String)> {
        parse(&doc)
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .collect()
    }

    fn pair(k: &str, v: &str) -> (String, String) {
        (k.to_string(), v.to_string())
    }

    #[test]
    fn the_cloudformation_cli_list() {
        let doc = json!([
            {"ParameterKey": "Env", "ParameterValue": "prod"},
            {"ParameterKey": "Size", "ParameterValue": 3},
            {"ParameterKey": "Kept", "UsePreviousValue": true},
            "Tier=web=1"
        ]);
        assert_eq!(
            pairs(doc),
            [
                pair("Env", "prod"),
                pair("Size", "3"),
                pair("Tier", "web=1")
            ]
        );
        assert_eq!(pairs(json!([])), []);
    }

    #[test]
    fn the_codepipeline_template_configuration() {
        let doc = json!({
            "Parameters": {"Env": "prod", "Regions": "us-east-1,eu-west-1"},
            "Tags": {"team": "ops"},
            "StackPolicy": {"Statement": []}
        });
        assert_eq!(
            pairs(doc),
            [pair("Env", "prod"), pair("Regions", "us-east-1,eu-west-1")]
        );
    }

    #[test]
    fn other_shapes_say_what_is_expected() {
        for (doc, says) in [
            (json!({"Env": "prod"}), "no \"Parameters\""),
            (json!({"Parameters": ["Env"]}), "expected an object"),
            (json!({"Parameters": {"Env": {"a": 1}}}), "Env: not text"),
            (
                json!([{"ParameterValue": "x"}]),
                "entry 1: no \"ParameterKey\"",
            ),
            (
                json!([{"ParameterKey": "Env"}]),
                "Env: neither \"ParameterValue\"",
            ),
            (
                json!([{"ParameterKey": "Env", "ParameterValue": null}]),
                "is not text",
            ),
            (json!(["=x"]), "expected \"Key=Value\""),
            (json!([1]), "entry 1: not a parameter"),
            (
                json!("prod"),
                "expected a CloudFormation CLI parameters file",
            ),
        ] {
            let Err(e) = parse(&doc) else {
                panic!("{doc}: parsed");
            };
            assert!(e.contains(says), "{doc}: {e}");
            assert!(!e.contains('\n'), "{e}");
        }
    }
}
