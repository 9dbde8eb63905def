//! String functions: case, trimming, splitting and joining, search and
//! replace (with regular expressions), substrings and indentation.

use super::{Env, Function, MANY, MAX_PAD, Unknowns::Whole, int, list, string, string_arg};
use crate::model::value::Value;
use regex::Regex;

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("chomp", 1, 1, Whole, chomp),
    Function::new("endswith", 2, 2, Whole, endswith),
    Function::new("indent", 2, 2, Whole, indent),
    Function::new("join", 2, MANY, Whole, join),
    Function::new("lower", 1, 1, Whole, lower),
    Function::new("regex", 2, 2, Whole, regex),
    Function::new("regexall", 2, 2, Whole, regexall),
    Function::new("replace", 3, 3, Whole, replace),
    Function::new("split", 2, 2, Whole, split),
    Function::new("startswith", 2, 2, Whole, startswith),
    Function::new("strcontains", 2, 2, Whole, strcontains),
    Function::new("strrev", 1, 1, Whole, strrev),
    Function::new("substr", 3, 3, Whole, substr),
    Function::new("title", 1, 1, Whole, title),
    Function::new("trim", 2, 2, Whole, trim),
    Function::new("trimprefix", 2, 2, Whole, trimprefix),
    Function::new("trimspace", 1, 1, Whole, trimspace),
    Function::new("trimsuffix", 2, 2, Whole, trimsuffix),
    Function::new("upper", 1, 1, Whole, upper),
];

fn chomp(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::String(
        string_arg(a, 0)?.trim_end_matches(['\n', '\r']).to_string(),
    ))
}

fn endswith(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::Bool(
        string_arg(a, 0)?.ends_with(&*string_arg(a, 1)?),
    ))
}

fn indent(a: &[Value], _: &Env) -> Result<Value, String> {
    let spaces = int(&a[0], "spaces")?.max(0) as usize;
    if spaces > MAX_PAD {
        return Err(format!("{spaces} spaces is more than tfward evaluates"));
    }
    Ok(Value::String(
        string_arg(a, 1)?.replace('\n', &format!("\n{}", " ".repeat(spaces))),
    ))
}

fn join(a: &[Value], _: &Env) -> Result<Value, String> {
    let sep = string(&a[0], "separator")?;
    let mut parts = Vec::new();
    for v in &a[1..] {
        for item in list(v, "lists")? {
            if item.is_null() {
                return Err("cannot join a null element".into());
            }
            parts.push(string(item, "every element")?);
        }
    }
    Ok(Value::String(parts.join(&sep)))
}

fn lower(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::String(string_arg(a, 0)?.to_lowercase()))
}

fn regex(a: &[Value], _: &Env) -> Result<Value, String> {
    regex_fn(false, &string_arg(a, 0)?, &string_arg(a, 1)?)
}

fn regexall(a: &[Value], _: &Env) -> Result<Value, String> {
    regex_fn(true, &string_arg(a, 0)?, &string_arg(a, 1)?)
}

fn regex_fn(all: bool, pattern: &str, text: &str) -> Result<Value, String> {
    let re = Regex::new(pattern).map_err(|e| format!("invalid regexp pattern: {e}"))?;
    let names: Vec<Option<&str>> = re.capture_names().skip(1).collect();
    let named = names.iter().filter(|n| n.is_some()).count();
    if named > 0 && named < names.len() {
        return Err(
            "invalid regexp pattern: cannot mix both named and unnamed capture groups".into(),
        );
    }
    let text_of = |m: Option<regex::Match>| {
        m.map(|m| Value::String(m.as_str().to_string()))
            .unwrap_or(Value::Null)
    };
    let result = |caps: regex::Captures| {
        if names.is_empty() {
            text_of(caps.get(0))
        } else if named > 0 {
            Value::Map(
                names
                    .iter()
                    .flatten()
                    .map(|n| (n.to_string().into(), text_of(caps.name(n))))
                    .collect(),
            )
        } else {
            Value::List(caps.iter().skip(1).map(text_of).collect())
        }
    };
    if all {
        return Ok(Value::List(re.captures_iter(text).map(result).collect()));
    }
    re.captures(text)
        .map(result)
        .ok_or_else(|| "pattern did not match any part of the given string".into())
}

fn replace(a: &[Value], _: &Env) -> Result<Value, String> {
    let (text, search, with) = (string_arg(a, 0)?, string_arg(a, 1)?, string_arg(a, 2)?);
    if search.len() > 1 && search.starts_with('/') && search.ends_with('/') {
        let re = Regex::new(&search[1..search.len() - 1])
            .map_err(|e| format!("invalid regexp pattern: {e}"))?;
        return Ok(Value::String(
            re.replace_all(&text, with.as_str()).into_owned(),
        ));
    }
    Ok(Value::String(text.replace(&*search, &with)))
}

fn split(a: &[Value], _: &Env) -> Result<Value, String> {
    let (sep, text) = (string_arg(a, 0)?, string_arg(a, 1)?);
    // Go's strings.Split: an empty separator splits into characters.
    let parts: Vec<String> = if sep.is_empty() {
        text.chars().map(String::from).collect()
    } else {
        text.split(sep.as_str()).map(String::from).collect()
    };
    Ok(Value::List(parts.into_iter().map(Value::String).collect()))
}

fn startswith(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::Bool(
        string_arg(a, 0)?.starts_with(&*string_arg(a, 1)?),
    ))
}

fn strcontains(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::Bool(string_arg(a, 0)?.contains(&*string_arg(a, 1)?)))
}

fn strrev(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::String(string_arg(a, 0)?.chars().rev().collect()))
}

fn substr(a: &[Value], _: &Env) -> Result<Value, String> {
    let text = string_arg(a, 0)?;
    let (offset, length) = (int(&a[1], "offset")?, int(&a[2], "length")?);
    let chars: Vec<char> = text.chars().collect();
    let total = chars.len() as i64;
    let start = if offset < 0 {
        (total + offset).max(0)
    } else {
        offset
    };
    if start >= total || length == 0 {
        return Ok(Value::String(String::new()));
    }
    let end = if length < 0 {
        total
    } else {
        (start + length).min(total)
    };
    Ok(Value::String(
        chars[start as usize..end as usize].iter().collect(),
    ))
}

/// Go's strings.Title, which Terraform's `title` uses.
fn title(a: &[Value], _: &Env) -> Result<Value, String> {
    let text = string_arg(a, 0)?;
    let separator = |c: char| {
        if c.is_ascii() {
            !(c.is_ascii_alphanumeric() || c == '_')
        } else {
            !c.is_alphanumeric() && c.is_whitespace()
        }
    };
    let mut prev = ' ';
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if separator(prev) {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        prev = c;
    }
    Ok(Value::String(out))
}

fn trim(a: &[Value], _: &Env) -> Result<Value, String> {
    let cut = string_arg(a, 1)?;
    Ok(Value::String(
        string_arg(a, 0)?
            .trim_matches(|c| cut.contains(c))
            .to_string(),
    ))
}

fn trimprefix(a: &[Value], _: &Env) -> Result<Value, String> {
    let (text, prefix) = (string_arg(a, 0)?, string_arg(a, 1)?);
    Ok(Value::String(
        text.strip_prefix(&*prefix).unwrap_or(&text).to_string(),
    ))
}

fn trimspace(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::String(string_arg(a, 0)?.trim().to_string()))
}

fn trimsuffix(a: &[Value], _: &Env) -> Result<Value, String> {
    let (text, suffix) = (string_arg(a, 0)?, string_arg(a, 1)?);
    Ok(Value::String(
        text.strip_suffix(&*suffix).unwrap_or(&text).to_string(),
    ))
}

fn upper(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::String(string_arg(a, 0)?.to_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn join_split() {
        assert_eq!(ok("join", vec![s(", "), sl(&["a", "b"])]), s("a, b"));
        assert_eq!(
            ok("join", vec![s("-"), sl(&["a"]), l(vec![n(1.0)])]),
            s("a-1")
        );
        assert_eq!(ok("join", vec![s(","), l(vec![s("a"), U])]), U);
        assert!(err("join", vec![s(","), l(vec![Value::Null])]).contains("null"));
        assert_eq!(
            err("join", vec![s(",")]),
            "join: expected at least 2 arguments"
        );
        assert_eq!(
            ok("split", vec![s(","), s("a,b,,c")]),
            sl(&["a", "b", "", "c"])
        );
        assert_eq!(ok("split", vec![s(","), s("")]), sl(&[""]));
        assert_eq!(ok("split", vec![s(""), s("ab")]), sl(&["a", "b"]));
        assert_eq!(ok("split", vec![s(","), U]), U);
    }

    #[test]
    fn case_and_trim() {
        assert_eq!(ok("lower", vec![s("HeLLo")]), s("hello"));
        assert_eq!(ok("upper", vec![s("héllo")]), s("HÉLLO"));
        assert_eq!(ok("upper", vec![n(5.0)]), s("5"));
        assert_eq!(
            ok("title", vec![s("hello world-wide foo_bar")]),
            s("Hello World-Wide Foo_bar")
        );
        assert_eq!(ok("trimspace", vec![s("  \n hi \t")]), s("hi"));
        assert_eq!(ok("trim", vec![s("?!hello?!"), s("!?")]), s("hello"));
        assert_eq!(
            ok("trimprefix", vec![s("helloworld"), s("hello")]),
            s("world")
        );
        assert_eq!(
            ok("trimprefix", vec![s("helloworld"), s("x")]),
            s("helloworld")
        );
        assert_eq!(
            ok("trimsuffix", vec![s("helloworld"), s("world")]),
            s("hello")
        );
        assert_eq!(ok("lower", vec![U]), U);
        assert_eq!(
            err("lower", vec![sl(&["a"])]),
            "lower: argument must be a string"
        );
        assert_eq!(
            err("lower", vec![Value::Null]),
            "lower: argument must not be null"
        );
    }

    #[test]
    fn replace_and_regex() {
        assert_eq!(
            ok("replace", vec![s("1 + 2 + 3"), s("+"), s("-")]),
            s("1 - 2 - 3")
        );
        assert_eq!(
            ok(
                "replace",
                vec![s("hello world"), s("/w.*d/"), s("everybody")]
            ),
            s("hello everybody")
        );
        assert_eq!(
            ok("replace", vec![s("a-b"), s("/(a)-(b)/"), s("$2-$1")]),
            s("b-a")
        );
        assert!(err("replace", vec![s("a"), s("/(/"), s("b")]).contains("invalid regexp"));
        assert_eq!(ok("regex", vec![s("[a-z]+"), s("53454is5352")]), s("is"));
        assert_eq!(
            ok("regex", vec![s(r"(\d\d\d\d)-(\d\d)"), s("2019-02-01")]),
            sl(&["2019", "02"])
        );
        assert_eq!(
            ok(
                "regex",
                vec![s(r"^(?P<user>[^@]+)@(?P<domain>.+)$"), s("me@example.com")]
            ),
            m(&[("domain", s("example.com")), ("user", s("me"))])
        );
        assert_eq!(
            ok("regex", vec![s("(a)|(b)"), s("b")]),
            l(vec![Value::Null, s("b")])
        );
        assert!(err("regex", vec![s("x"), s("abc")]).contains("did not match"));
        assert!(err("regex", vec![s("(?P<a>x)(y)"), s("xy")]).contains("cannot mix"));
        assert_eq!(
            ok("regexall", vec![s("[a-z]+"), s("1234abcd5678efgh9")]),
            sl(&["abcd", "efgh"])
        );
        assert_eq!(ok("regexall", vec![s("z"), s("abc")]), sl(&[]));
        assert_eq!(ok("regex", vec![U, s("abc")]), U);
    }

    #[test]
    fn substr_fn() {
        assert_eq!(
            ok("substr", vec![s("hello world"), n(1.0), n(4.0)]),
            s("ello")
        );
        assert_eq!(ok("substr", vec![s("🤔🤷"), n(0.0), n(1.0)]), s("🤔"));
        assert_eq!(
            ok("substr", vec![s("hello world"), n(-5.0), n(3.0)]),
            s("wor")
        );
        assert_eq!(ok("substr", vec![s("hello"), n(2.0), n(-1.0)]), s("llo"));
        assert_eq!(ok("substr", vec![s("hello"), n(10.0), n(1.0)]), s(""));
        assert_eq!(ok("substr", vec![s("hello"), n(3.0), n(10.0)]), s("lo"));
        assert!(err("substr", vec![s("hello"), n(1.5), n(1.0)]).contains("whole number"));
    }

    #[test]
    fn string_predicates() {
        assert_eq!(
            ok("startswith", vec![s("hello"), s("he")]),
            Value::Bool(true)
        );
        assert_eq!(
            ok("startswith", vec![s("hello"), s("lo")]),
            Value::Bool(false)
        );
        assert_eq!(ok("endswith", vec![s("hello"), s("lo")]), Value::Bool(true));
        assert_eq!(
            ok("strcontains", vec![s("hello"), s("ell")]),
            Value::Bool(true)
        );
        assert_eq!(
            ok("strcontains", vec![s("hello"), s("x")]),
            Value::Bool(false)
        );
        assert_eq!(ok("startswith", vec![U, s("x")]), U);
    }

    #[test]
    fn misc_string_fns() {
        assert_eq!(ok("chomp", vec![s("hello\r\n\n")]), s("hello"));
        assert_eq!(ok("strrev", vec![s("abc")]), s("cba"));
        assert_eq!(ok("indent", vec![n(2.0), s("a\nb")]), s("a\n  b"));
    }
}
