//! Encoding functions: JSON, YAML and CSV, base64 (of UTF-8 or another
//! character encoding) and URL encoding.

use super::{Env, Function, Unknowns::Whole, num_str, string_arg};
use crate::model::value::Value;
use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use std::fmt::Write as _;

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("base64decode", 1, 1, Whole, base64decode),
    Function::new("base64encode", 1, 1, Whole, base64encode),
    Function::new("csvdecode", 1, 1, Whole, csvdecode),
    Function::new("jsondecode", 1, 1, Whole, jsondecode),
    Function::new("jsonencode", 1, 1, Whole, jsonencode),
    Function::new("textdecodebase64", 2, 2, Whole, textdecodebase64),
    Function::new("textencodebase64", 2, 2, Whole, textencodebase64),
    Function::new("urlencode", 1, 1, Whole, urlencode),
    Function::new("yamldecode", 1, 1, Whole, yamldecode),
];

fn base64decode(a: &[Value], _: &Env) -> Result<Value, String> {
    let bytes = BASE64
        .decode(string_arg(a, 0)?)
        .map_err(|e| format!("failed to decode base64 data: {e}"))?;
    Ok(Value::String(String::from_utf8(bytes).map_err(|_| {
        "the decoded bytes are not valid UTF-8".to_string()
    })?))
}

fn base64encode(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::String(BASE64.encode(string_arg(a, 0)?)))
}

/// Terraform's `csvdecode`: the first line names the columns, every line
/// has as many fields, and each later line is a map of strings.
fn csvdecode(a: &[Value], _: &Env) -> Result<Value, String> {
    let text = string_arg(a, 0)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        None => return Err("missing header line".to_string()),
        Some(row) => row.map_err(|e| format!("CSV parse error: {e}"))?,
    };
    let mut rows = Vec::new();
    for row in records {
        let row = row.map_err(|e| format!("CSV parse error: {e}"))?;
        rows.push(Value::Map(
            header
                .iter()
                .zip(row.iter())
                .map(|(k, v)| (k.into(), Value::String(v.to_string())))
                .collect(),
        ));
    }
    Ok(Value::List(rows))
}

/// The character encodings `textencodebase64` and `textdecodebase64`
/// evaluate (Terraform takes any IANA name; others are unknown, with a note).
#[derive(Clone, Copy)]
enum Charset {
    Utf8,
    /// Big-endian with a byte-order mark, as Go's `UTF-16` encoder writes.
    Utf16,
    Utf16Le,
    Utf16Be,
    Latin1,
    Ascii,
}

fn charset(name: &str) -> Result<Charset, String> {
    Ok(match name.to_ascii_lowercase().as_str() {
        "utf-8" | "utf8" => Charset::Utf8,
        "utf-16" | "utf16" => Charset::Utf16,
        "utf-16le" => Charset::Utf16Le,
        "utf-16be" => Charset::Utf16Be,
        "iso-8859-1" | "iso_8859-1" | "latin1" | "l1" => Charset::Latin1,
        "us-ascii" | "ascii" => Charset::Ascii,
        _ => return Err(format!("encoding {name:?} is not one tfward evaluates")),
    })
}

fn textencodebase64(a: &[Value], _: &Env) -> Result<Value, String> {
    let text = string_arg(a, 0)?;
    let name = string_arg(a, 1)?;
    let unrepresentable =
        || format!("the given string contains characters that cannot be represented in {name}");
    let bytes: Vec<u8> = match charset(&name)? {
        Charset::Utf8 => text.into_bytes(),
        Charset::Utf16 => [0xfe, 0xff]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect(),
        Charset::Utf16Be => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        Charset::Utf16Le => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        Charset::Latin1 | Charset::Ascii => {
            let top = if matches!(charset(&name)?, Charset::Ascii) {
                0x7f
            } else {
                0xff
            };
            text.chars()
                .map(|c| u8::try_from(u32::from(c)).ok().filter(|b| *b <= top))
                .collect::<Option<_>>()
                .ok_or_else(unrepresentable)?
        }
    };
    Ok(Value::String(BASE64.encode(bytes)))
}

fn textdecodebase64(a: &[Value], _: &Env) -> Result<Value, String> {
    let bytes = BASE64
        .decode(string_arg(a, 0)?)
        .map_err(|e| format!("failed to decode base64 data: {e}"))?;
    let name = string_arg(a, 1)?;
    let invalid = || format!("the given string contains symbols that are not defined for {name}");
    let units = |be: bool, bytes: &[u8]| -> Result<String, String> {
        if !bytes.len().is_multiple_of(2) {
            return Err(invalid());
        }
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|p| {
                if be {
                    u16::from_be_bytes([p[0], p[1]])
                } else {
                    u16::from_le_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| invalid())
    };
    let text = match charset(&name)? {
        Charset::Utf8 => String::from_utf8(bytes).map_err(|_| invalid())?,
        // A byte-order mark chooses the order; big-endian without one.
        Charset::Utf16 => match bytes.as_slice() {
            [0xff, 0xfe, rest @ ..] => units(false, rest)?,
            [0xfe, 0xff, rest @ ..] => units(true, rest)?,
            rest => units(true, rest)?,
        },
        Charset::Utf16Be => units(true, &bytes)?,
        Charset::Utf16Le => units(false, &bytes)?,
        Charset::Latin1 => bytes.iter().map(|b| char::from(*b)).collect(),
        Charset::Ascii if bytes.is_ascii() => bytes.iter().map(|b| char::from(*b)).collect(),
        Charset::Ascii => return Err(invalid()),
    };
    Ok(Value::String(text))
}

fn jsondecode(a: &[Value], _: &Env) -> Result<Value, String> {
    let json: serde_json::Value =
        serde_json::from_str(&string_arg(a, 0)?).map_err(|e| format!("invalid JSON: {e}"))?;
    Ok(Value::from_json(&json))
}

fn jsonencode(a: &[Value], _: &Env) -> Result<Value, String> {
    let mut out = String::new();
    json_encode(&a[0], &mut out);
    Ok(Value::String(out))
}

/// Go's url.QueryEscape, which Terraform's `urlencode` uses.
fn urlencode(a: &[Value], _: &Env) -> Result<Value, String> {
    let text = string_arg(a, 0)?;
    let mut out = String::new();
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    Ok(Value::String(out))
}

fn yamldecode(a: &[Value], _: &Env) -> Result<Value, String> {
    let docs = yaml_rust2::YamlLoader::load_from_str(&string_arg(a, 0)?)
        .map_err(|e| format!("invalid YAML: {e}"))?;
    match docs.as_slice() {
        [doc] => yaml_value(doc),
        [] => Ok(Value::Null),
        _ => Err("a string with several YAML documents".to_string()),
    }
}

/// A YAML node as a value; map keys become strings, as in Terraform's `yamldecode`.
fn yaml_value(node: &yaml_rust2::Yaml) -> Result<Value, String> {
    use yaml_rust2::Yaml;
    Ok(match node {
        Yaml::Null => Value::Null,
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Integer(i) => Value::Number(*i as f64),
        Yaml::Real(r) => Value::Number(r.parse().map_err(|_| format!("invalid YAML number {r}"))?),
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Array(items) => Value::List(items.iter().map(yaml_value).collect::<Result<_, _>>()?),
        Yaml::Hash(map) => Value::Map(
            map.iter()
                .map(|(k, v)| {
                    let key = match k {
                        Yaml::String(s) | Yaml::Real(s) => s.clone(),
                        Yaml::Integer(i) => i.to_string(),
                        Yaml::Boolean(b) => b.to_string(),
                        _ => return Err("unsupported YAML map key".to_string()),
                    };
                    Ok((key.into(), yaml_value(v)?))
                })
                .collect::<Result<_, _>>()?,
        ),
        Yaml::Alias(_) | Yaml::BadValue => return Err("unsupported YAML value".to_string()),
    })
}

/// Terraform's `jsonencode`: compact, keys sorted, Go's HTML-safe escaping.
pub(super) fn json_encode(v: &Value, out: &mut String) {
    match v {
        Value::Null | Value::Unknown | Value::Partial(_) => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) if n.is_finite() => out.push_str(&num_str(*n)),
        Value::Number(_) => out.push_str("null"),
        Value::String(s) => json_quote(s, out),
        Value::List(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_encode(item, out);
            }
            out.push(']');
        }
        Value::Map(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_quote(k, out);
                out.push(':');
                json_encode(item, out);
            }
            out.push('}');
        }
        Value::Sensitive(inner) => json_encode(inner, out),
    }
}

pub(super) fn json_quote(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' | '\0'..='\u{1f}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn yamldecode_reads_maps_lists_and_scalars() {
        let out = call(
            "yamldecode",
            vec![Value::String(
                "dr:\n  region: us-west-1\n  zones: [a, b]\n  enabled: true\n".into(),
            )],
            &here(),
        )
        .unwrap();
        let dr = out.get("dr").unwrap();
        assert_eq!(dr.get("region"), Some(&Value::String("us-west-1".into())));
        assert_eq!(dr.get("enabled"), Some(&Value::Bool(true)));
        assert_eq!(
            dr.get("zones").and_then(Value::as_list).map(<[Value]>::len),
            Some(2)
        );
        assert!(call("yamldecode", vec![Value::String("a: [".into())], &here()).is_err());
    }

    #[test]
    fn json_functions() {
        let v = m(&[
            ("b", l(vec![n(1.0), n(2.5), Value::Bool(true), Value::Null])),
            ("a", s("<x&y>")),
        ]);
        assert_eq!(
            ok("jsonencode", vec![v]),
            s(r#"{"a":"\u003cx\u0026y\u003e","b":[1,2.5,true,null]}"#)
        );
        assert_eq!(
            ok("jsonencode", vec![s("line\nnext\t\"q\"")]),
            s(r#""line\nnext\t\"q\"""#)
        );
        assert_eq!(ok("jsonencode", vec![n(1e21)]), s("1000000000000000000000"));
        assert_eq!(ok("jsonencode", vec![l(vec![U])]), U);
        assert_eq!(
            ok("jsonencode", vec![m(&[("k", sens(s("v")))])]),
            sens(s(r#"{"k":"v"}"#))
        );
        assert_eq!(
            ok("jsondecode", vec![s(r#"{"a":[1,"x",null],"b":true}"#)]),
            m(&[
                ("a", l(vec![n(1.0), s("x"), Value::Null])),
                ("b", Value::Bool(true))
            ])
        );
        assert!(err("jsondecode", vec![s("{")]).starts_with("jsondecode: invalid JSON"));
    }

    #[test]
    fn base64_fns() {
        assert_eq!(
            ok("base64encode", vec![s("Hello World")]),
            s("SGVsbG8gV29ybGQ=")
        );
        assert_eq!(
            ok("base64decode", vec![s("SGVsbG8gV29ybGQ=")]),
            s("Hello World")
        );
        assert!(err("base64decode", vec![s("!!!")]).contains("failed to decode"));
        assert!(err("base64decode", vec![s("/w==")]).contains("UTF-8"));
        assert_eq!(ok("base64encode", vec![sens(s("pw"))]), sens(s("cHc=")));
    }

    #[test]
    fn csvdecode_fn() {
        // Expected values are Terraform 1.11's (`terraform console`).
        let row =
            |pairs: &[(&str, &str)]| m(&pairs.iter().map(|(k, v)| (*k, s(v))).collect::<Vec<_>>());
        assert_eq!(
            ok("csvdecode", vec![s("a,b,c\n1,2,3\n4,5,6")]),
            l(vec![
                row(&[("a", "1"), ("b", "2"), ("c", "3")]),
                row(&[("a", "4"), ("b", "5"), ("c", "6")])
            ])
        );
        assert_eq!(ok("csvdecode", vec![s("a,b\n")]), l(vec![]));
        assert_eq!(
            ok("csvdecode", vec![s("a,\"b \"\"q\"\"\"\n1,2\n")]),
            l(vec![row(&[("a", "1"), ("b \"q\"", "2")])])
        );
        assert_eq!(
            err("csvdecode", vec![s("")]),
            "csvdecode: missing header line"
        );
        assert!(err("csvdecode", vec![s("a,b\n1,2,3")]).starts_with("csvdecode: CSV parse error"));
    }

    #[test]
    fn text_base64_fns() {
        // Expected values are Terraform 1.11's (`terraform console`).
        let enc = |text: &str, cs: &str| call("textencodebase64", vec![s(text), s(cs)], &here());
        let dec = |b64: &str, cs: &str| call("textdecodebase64", vec![s(b64), s(cs)], &here());
        assert_eq!(enc("Hello", "UTF-16LE"), Ok(s("SABlAGwAbABvAA==")));
        assert_eq!(enc("Hello", "UTF-16"), Ok(s("/v8ASABlAGwAbABv")));
        assert_eq!(enc("é", "ISO-8859-1"), Ok(s("6Q==")));
        assert_eq!(enc("Hello", "utf-8"), Ok(s("SGVsbG8=")));
        assert!(
            enc("é€", "ISO-8859-1")
                .unwrap_err()
                .contains("cannot be represented")
        );
        assert!(
            enc("x", "nope")
                .unwrap_err()
                .contains("not one tfward evaluates")
        );
        assert_eq!(dec("SABlAGwAbABvAA==", "UTF-16LE"), Ok(s("Hello")));
        assert_eq!(dec("/v8ASABlAGwAbABv", "UTF-16"), Ok(s("Hello")));
        assert_eq!(dec("6Q==", "ISO-8859-1"), Ok(s("é")));
        assert!(dec("!!", "UTF-8").unwrap_err().contains("base64"));
        assert!(
            dec("/w==", "UTF-8")
                .unwrap_err()
                .contains("not defined for UTF-8")
        );
    }

    #[test]
    fn urlencode_fn() {
        assert_eq!(ok("urlencode", vec![s("a b&c/é")]), s("a+b%26c%2F%C3%A9"));
    }
}
