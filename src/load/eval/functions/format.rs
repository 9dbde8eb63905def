//! `format` and `formatlist`: Go's fmt verbs over tfward values, with
//! go-cty's semantics (as Terraform's `format` has them).

use super::encoding::{json_encode, json_quote};
use super::{
    Env, Function, MANY, MAX_PAD,
    Unknowns::{Own, Whole},
    parse_num, prim_str, string,
};
use crate::model::value::Value;

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("format", 1, MANY, Whole, format),
    Function::new("formatlist", 1, MANY, Own, formatlist),
];

#[derive(Default)]
struct Verb {
    minus: bool,
    plus: bool,
    space: bool,
    sharp: bool,
    zero: bool,
    width: Option<usize>,
    prec: Option<usize>,
}

fn format(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::String(format_values(
        &string(&a[0], "format")?,
        &a[1..],
    )?))
}

fn formatlist(a: &[Value], _: &Env) -> Result<Value, String> {
    if a.iter().any(|v| matches!(v, Value::Unknown)) {
        return Ok(Value::Unknown);
    }
    let fmt = string(&a[0], "format")?;
    let rest = &a[1..];
    let mut len: Option<(usize, usize)> = None;
    for (i, v) in rest.iter().enumerate() {
        if let Value::List(items) = v {
            match len {
                None => len = Some((items.len(), i)),
                Some((l, j)) if l != items.len() => {
                    return Err(format!(
                        "argument {} has length {}, which is inconsistent with argument {} of length {l}",
                        i + 1,
                        items.len(),
                        j + 1
                    ));
                }
                Some(_) => {}
            }
        }
    }
    let mut out = Vec::new();
    for i in 0..len.map_or(1, |(l, _)| l) {
        let call_args: Vec<Value> = rest
            .iter()
            .map(|v| match v {
                Value::List(items) => items[i].clone(),
                other => other.clone(),
            })
            .collect();
        if call_args.iter().any(|v| !v.is_known()) {
            out.push(Value::Unknown);
            continue;
        }
        let text = format_values(&fmt, &call_args)
            .map_err(|e| format!("error on format iteration {i}: {e}"))?;
        out.push(Value::String(text));
    }
    Ok(Value::List(out))
}

/// Terraform's `format`: Go-like verbs over tfward values (go-cty semantics).
fn format_values(fmt: &str, args: &[Value]) -> Result<String, String> {
    let cs: Vec<(usize, char)> = fmt.char_indices().collect();
    let peek = |i: usize| cs.get(i).map(|&(_, c)| c);
    let digits = |i: &mut usize| {
        let mut n: Option<usize> = None;
        while let Some(d) = peek(*i).and_then(|c| c.to_digit(10)) {
            n = Some(n.unwrap_or(0).saturating_mul(10).saturating_add(d as usize));
            *i += 1;
        }
        n
    };
    let mut out = String::new();
    let (mut i, mut next, mut highest) = (0, 0, 0);
    while i < cs.len() {
        let (offset, c) = cs[i];
        i += 1;
        if c != '%' {
            out.push(c);
            continue;
        }
        if peek(i) == Some('%') {
            out.push('%');
            i += 1;
            continue;
        }
        let invalid = || format!("invalid format string at offset {offset}");
        let mut verb = Verb::default();
        while let Some(flag) = peek(i) {
            match flag {
                '-' => verb.minus = true,
                '+' => verb.plus = true,
                ' ' => verb.space = true,
                '#' => verb.sharp = true,
                '0' => verb.zero = true,
                _ => break,
            }
            i += 1;
        }
        verb.width = digits(&mut i);
        if peek(i) == Some('.') {
            i += 1;
            verb.prec = Some(digits(&mut i).ok_or_else(invalid)?);
        }
        // Hostile widths would allocate gigabytes.
        if verb.width.unwrap_or(0) > MAX_PAD || verb.prec.unwrap_or(0) > MAX_PAD {
            return Err("a width or precision larger than tfward evaluates".to_string());
        }
        if peek(i) == Some('[') {
            i += 1;
            let n = digits(&mut i).filter(|n| *n > 0).ok_or_else(invalid)?;
            if peek(i) != Some(']') {
                return Err(invalid());
            }
            i += 1;
            next = n - 1;
        }
        let mode = peek(i).ok_or_else(invalid)?;
        i += 1;
        let end = cs.get(i).map_or(fmt.len(), |&(o, _)| o);
        let raw = &fmt[offset..end];
        let Some(arg) = args.get(next) else {
            return Err(format!(
                "not enough arguments for {raw:?} at {offset}: need index {} but have {} total",
                next + 1,
                args.len()
            ));
        };
        next += 1;
        highest = highest.max(next);
        out.push_str(&format_one(&verb, mode, arg, raw, offset)?);
    }
    if highest < args.len() {
        return Err(if highest == 0 {
            "too many arguments; no verbs in format string".to_string()
        } else {
            format!("too many arguments; only {highest} used by format string")
        });
    }
    Ok(out)
}

fn format_one(
    verb: &Verb,
    mode: char,
    arg: &Value,
    raw: &str,
    offset: usize,
) -> Result<String, String> {
    let unsupported = |why: &str| format!("unsupported value for {raw:?} at {offset}: {why}");
    if mode != 'v' && arg.is_null() {
        return Err(unsupported("null value cannot be formatted"));
    }
    match mode {
        'v' => Ok(pad_width(
            verb,
            match arg {
                Value::String(s) if !verb.sharp => s.clone(),
                Value::Number(n) if !verb.sharp => go_g(n.abs(), None, false, n.is_sign_negative()),
                other => {
                    let mut json = String::new();
                    json_encode(other, &mut json);
                    json
                }
            },
        )),
        // go-cty does not pad booleans.
        't' => match arg {
            Value::Bool(b) => Ok(b.to_string()),
            Value::String(s) if s == "true" || s == "false" => Ok(s.clone()),
            _ => Err(unsupported("bool required")),
        },
        'b' | 'd' | 'o' | 'x' | 'X' | 'e' | 'E' | 'f' | 'g' | 'G' => {
            let n = match arg {
                Value::Number(n) => *n,
                Value::String(s) => parse_num(s).ok_or_else(|| unsupported("number required"))?,
                _ => return Err(unsupported("number required")),
            };
            format_number(verb, mode, n).ok_or_else(|| unsupported("an integer is required"))
        }
        's' | 'q' => {
            let mut s = prim_str(arg).ok_or_else(|| unsupported("string required"))?;
            if let Some(p) = verb.prec.filter(|p| *p > 0) {
                s = s.chars().take(p).collect();
            }
            if mode == 'q' {
                let mut quoted = String::new();
                json_quote(&s, &mut quoted);
                s = quoted;
            }
            Ok(pad_width(verb, s))
        }
        _ => Err(format!(
            "unsupported format verb {mode:?} in {raw:?} at offset {offset}"
        )),
    }
}

/// go-cty's padding for strings and `%v`: the pad character goes outside any sign.
fn pad_width(verb: &Verb, s: String) -> String {
    let len = s.chars().count();
    let Some(pad) = verb
        .width
        .and_then(|w| w.checked_sub(len))
        .filter(|p| *p > 0)
    else {
        return s;
    };
    let pads = (if verb.zero { "0" } else { " " }).repeat(pad);
    if verb.minus { s + &pads } else { pads + &s }
}

/// Go's fmt for numbers: the sign comes before zero padding. None if an
/// integer verb gets a fraction.
fn format_number(verb: &Verb, mode: char, n: f64) -> Option<String> {
    let negative = n < 0.0;
    let x = n.abs();
    let (prefix, body) = match mode {
        'b' | 'd' | 'o' | 'x' | 'X' => {
            if x.fract() != 0.0 || !x.is_finite() {
                return None;
            }
            let body = if x < 1.0e38 {
                let v = x as u128;
                match mode {
                    'b' => format!("{v:b}"),
                    'o' => format!("{v:o}"),
                    'x' => format!("{v:x}"),
                    'X' => format!("{v:X}"),
                    _ => v.to_string(),
                }
            } else {
                format!("{x:.0}")
            };
            let body = match verb.prec {
                Some(p) if body.len() < p => "0".repeat(p - body.len()) + &body,
                _ => body,
            };
            let prefix = match (verb.sharp, mode) {
                (true, 'b') => "0b",
                (true, 'o') => "0",
                (true, 'x') => "0x",
                (true, 'X') => "0X",
                _ => "",
            };
            (prefix, body)
        }
        'e' | 'E' => ("", go_e(x, verb.prec.unwrap_or(6), mode == 'E')),
        'f' => ("", format!("{x:.*}", verb.prec.unwrap_or(6))),
        _ => ("", go_g(x, verb.prec, mode == 'G', false)),
    };
    let sign = match () {
        _ if negative => "-",
        _ if verb.plus => "+",
        _ if verb.space => " ",
        _ => "",
    };
    let len = sign.len() + prefix.len() + body.chars().count();
    let pad = verb.width.unwrap_or(0).saturating_sub(len);
    Some(if pad == 0 {
        format!("{sign}{prefix}{body}")
    } else if verb.minus {
        format!("{sign}{prefix}{body}{}", " ".repeat(pad))
    } else if verb.zero {
        format!("{sign}{prefix}{}{body}", "0".repeat(pad))
    } else {
        format!("{}{sign}{prefix}{body}", " ".repeat(pad))
    })
}

/// Go's `%e`: at least two exponent digits, always signed.
fn go_e(x: f64, prec: usize, upper: bool) -> String {
    let s = format!("{x:.prec$e}");
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let e = if upper { 'E' } else { 'e' };
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{mantissa}{e}{sign}{:02}", exp.abs())
}

/// Go's big.Float `%g` (shortest when `prec` is None), as go-cty's `%v` of
/// a number uses: `1e+06` for a million, as Terraform prints it.
fn go_g(x: f64, prec: Option<usize>, upper: bool, negative: bool) -> String {
    let sign = if negative && x != 0.0 { "-" } else { "" };
    if x == 0.0 {
        return "0".to_string();
    }
    let s = match prec {
        None => format!("{x:e}"),
        Some(p) => format!("{x:.*e}", p.max(1) - 1),
    };
    let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let all: String = mantissa.chars().filter(|c| *c != '.').collect();
    let digits = all.trim_end_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    let nd = digits.len() as i32;
    let eprec = match prec {
        None => 6,
        Some(p) => {
            let p = p.max(1) as i32;
            if p > nd && nd > exp { nd } else { p }
        }
    };
    if exp < -4 || exp >= eprec {
        let mut m = digits[..1].to_string();
        if nd > 1 {
            m.push('.');
            m.push_str(&digits[1..]);
        }
        let e = if upper { 'E' } else { 'e' };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{m}{e}{esign}{:02}", exp.abs())
    } else {
        let fprec = (nd - (exp + 1)).max(0) as usize;
        format!("{sign}{x:.fprec$}")
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    fn fmt(f: &str, args: Vec<Value>) -> String {
        let mut all = vec![s(f)];
        all.extend(args);
        match ok("format", all) {
            Value::String(x) => x,
            other => panic!("format returned {other:?}"),
        }
    }

    #[test]
    fn format_basic_verbs() {
        assert_eq!(fmt("Hello, %s!", vec![s("Ander")]), "Hello, Ander!");
        assert_eq!(fmt("%d items", vec![n(3.0)]), "3 items");
        assert_eq!(fmt("%d", vec![s("42")]), "42");
        assert_eq!(fmt("%f", vec![n(3.5)]), "3.500000");
        assert_eq!(fmt("%.2f", vec![n(1.23456)]), "1.23");
        assert_eq!(
            fmt("%v %v %v", vec![s("a"), n(2.0), Value::Bool(true)]),
            "a 2 true"
        );
        assert_eq!(fmt("%v", vec![n(1.5)]), "1.5");
        assert_eq!(fmt("%v", vec![n(1000000.0)]), "1e+06");
        assert_eq!(fmt("%v", vec![n(-7.0)]), "-7");
        assert_eq!(fmt("%v", vec![sl(&["a", "b"])]), r#"["a","b"]"#);
        assert_eq!(fmt("%v", vec![Value::Null]), "null");
        assert_eq!(fmt("%#v", vec![s("a")]), r#""a""#);
        assert_eq!(fmt("%q", vec![s("a\"b")]), r#""a\"b""#);
        assert_eq!(fmt("%t", vec![Value::Bool(false)]), "false");
        assert_eq!(fmt("100%%", vec![]), "100%");
        assert_eq!(
            fmt("%x %X %o %b", vec![n(255.0), n(255.0), n(8.0), n(5.0)]),
            "ff FF 10 101"
        );
        assert_eq!(fmt("%#x", vec![n(255.0)]), "0xff");
        assert_eq!(fmt("%e", vec![n(1234.5678)]), "1.234568e+03");
        assert_eq!(fmt("%g", vec![n(0.00001)]), "1e-05");
        assert_eq!(fmt("%g", vec![n(123.0)]), "123");
        assert_eq!(fmt("%.3g", vec![n(1.23456)]), "1.23");
    }

    #[test]
    fn format_width_and_flags() {
        assert_eq!(fmt("%05d", vec![n(42.0)]), "00042");
        assert_eq!(fmt("%05d", vec![n(-42.0)]), "-0042");
        assert_eq!(fmt("%5d|", vec![n(42.0)]), "   42|");
        assert_eq!(fmt("%-5d|", vec![n(42.0)]), "42   |");
        assert_eq!(fmt("%+d", vec![n(5.0)]), "+5");
        assert_eq!(fmt("% d", vec![n(5.0)]), " 5");
        assert_eq!(fmt("%-10s|", vec![s("abc")]), "abc       |");
        assert_eq!(fmt("%10s|", vec![s("abc")]), "       abc|");
        assert_eq!(fmt("%.2s", vec![s("abcdef")]), "ab");
        assert_eq!(fmt("%8.3f|", vec![n(1.23456)]), "   1.235|");
        assert_eq!(fmt("%s and %[1]s", vec![s("x")]), "x and x");
        assert_eq!(fmt("%[2]s %[1]s", vec![s("a"), s("b")]), "b a");
    }

    #[test]
    fn format_errors_and_unknowns() {
        assert!(err("format", vec![s("%d"), n(1.5)]).contains("an integer is required"));
        assert!(err("format", vec![s("%d"), s("x")]).contains("number required"));
        assert!(err("format", vec![s("%s"), sl(&["a"])]).contains("string required"));
        assert!(
            err("format", vec![s("%s"), Value::Null]).contains("null value cannot be formatted")
        );
        assert!(err("format", vec![s("%s %s"), s("a")]).contains("not enough arguments"));
        assert_eq!(
            err("format", vec![s("hi"), s("a")]),
            "format: too many arguments; no verbs in format string"
        );
        assert_eq!(
            err("format", vec![s("%s"), s("a"), s("b")]),
            "format: too many arguments; only 1 used by format string"
        );
        assert!(err("format", vec![s("%z"), s("a")]).contains("unsupported format verb"));
        assert!(err("format", vec![s("abc %")]).contains("invalid format string"));
        assert_eq!(ok("format", vec![s("%s"), U]), U);
        assert_eq!(ok("format", vec![s("%v"), l(vec![U])]), U);
        assert_eq!(ok("format", vec![s("%s"), sens(s("pw"))]), sens(s("pw")));
    }

    #[test]
    fn formatlist_fn() {
        assert_eq!(
            ok(
                "formatlist",
                vec![s("Hello, %s!"), sl(&["Valentina", "Ander"])]
            ),
            sl(&["Hello, Valentina!", "Hello, Ander!"])
        );
        assert_eq!(
            ok("formatlist", vec![s("%s-%s"), s("x"), sl(&["a", "b"])]),
            sl(&["x-a", "x-b"])
        );
        assert_eq!(ok("formatlist", vec![s("%s"), s("x")]), sl(&["x"]));
        assert_eq!(
            ok("formatlist", vec![s("%s"), l(vec![s("a"), U])]),
            l(vec![s("a"), U])
        );
        assert_eq!(ok("formatlist", vec![s("%s"), U]), U);
        assert!(
            err("formatlist", vec![s("%s%s"), sl(&["a"]), sl(&["a", "b"])])
                .contains("inconsistent")
        );
    }
}
