//! Numeric functions: arithmetic, rounding, logarithms, `min`/`max`/`sum`
//! and `parseint`.

use super::{Env, Function, MANY, Unknowns::Whole, int, list, num, string_arg};
use crate::model::value::Value;

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("abs", 1, 1, Whole, abs),
    Function::new("ceil", 1, 1, Whole, ceil),
    Function::new("floor", 1, 1, Whole, floor),
    Function::new("log", 2, 2, Whole, log),
    Function::new("max", 1, MANY, Whole, max),
    Function::new("min", 1, MANY, Whole, min),
    Function::new("parseint", 2, 2, Whole, parseint),
    Function::new("pow", 2, 2, Whole, pow),
    Function::new("signum", 1, 1, Whole, signum),
    Function::new("sum", 1, 1, Whole, sum),
];

fn abs(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::Number(num(&a[0], "argument")?.abs()))
}

fn ceil(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::Number(num(&a[0], "argument")?.ceil()))
}

fn floor(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::Number(num(&a[0], "argument")?.floor()))
}

fn log(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::Number(
        num(&a[0], "argument")?.ln() / num(&a[1], "argument")?.ln(),
    ))
}

fn max(a: &[Value], _: &Env) -> Result<Value, String> {
    fold_numbers(a, f64::max)
}

fn min(a: &[Value], _: &Env) -> Result<Value, String> {
    fold_numbers(a, f64::min)
}

/// The arguments as numbers, folded with `pick` from the first.
fn fold_numbers(a: &[Value], pick: fn(f64, f64) -> f64) -> Result<Value, String> {
    let mut best = num(&a[0], "argument")?;
    for v in &a[1..] {
        let n = num(v, "argument")?;
        best = pick(best, n);
    }
    Ok(Value::Number(best))
}

fn parseint(a: &[Value], _: &Env) -> Result<Value, String> {
    let (text, base) = (string_arg(a, 0)?, int(&a[1], "base")?);
    if !(2..=62).contains(&base) {
        return Err("base must be a whole number between 2 and 62 inclusive".into());
    }
    let bad = || format!("cannot parse {text:?} as a base {base} integer");
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(&text)),
    };
    if digits.is_empty() {
        return Err(bad());
    }
    let mut value = 0.0_f64;
    for c in digits.chars() {
        // Go's big.Int: above base 36, upper case letters are digits 36..61.
        let d = match c {
            '0'..='9' => c as i64 - '0' as i64,
            'a'..='z' => c as i64 - 'a' as i64 + 10,
            'A'..='Z' if base <= 36 => c as i64 - 'A' as i64 + 10,
            'A'..='Z' => c as i64 - 'A' as i64 + 36,
            _ => return Err(bad()),
        };
        if d >= base {
            return Err(bad());
        }
        value = value * base as f64 + d as f64;
    }
    Ok(Value::Number(if negative { -value } else { value }))
}

fn pow(a: &[Value], _: &Env) -> Result<Value, String> {
    Ok(Value::Number(
        num(&a[0], "argument")?.powf(num(&a[1], "argument")?),
    ))
}

fn signum(a: &[Value], _: &Env) -> Result<Value, String> {
    let n = num(&a[0], "argument")?;
    Ok(Value::Number(if n == 0.0 { 0.0 } else { n.signum() }))
}

fn sum(a: &[Value], _: &Env) -> Result<Value, String> {
    let items = list(&a[0], "argument")?;
    if items.is_empty() {
        return Err("cannot sum an empty list".into());
    }
    let mut total = 0.0;
    for v in items {
        total += num(v, "every element")?;
    }
    Ok(Value::Number(total))
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn numeric_fns() {
        assert_eq!(ok("min", vec![n(12.0), n(54.0), n(3.0)]), n(3.0));
        assert_eq!(ok("max", vec![n(12.0), s("54"), n(3.0)]), n(54.0));
        assert_eq!(ok("max", vec![n(1.0), U]), U);
        assert!(err("min", vec![s("x")]).contains("cannot convert"));
        assert_eq!(ok("abs", vec![n(-12.4)]), n(12.4));
        assert_eq!(ok("ceil", vec![n(5.1)]), n(6.0));
        assert_eq!(ok("floor", vec![n(-5.1)]), n(-6.0));
        assert_eq!(ok("signum", vec![n(-3.0)]), n(-1.0));
        assert_eq!(ok("pow", vec![n(3.0), n(2.0)]), n(9.0));
        assert_eq!(ok("log", vec![n(16.0), n(2.0)]), n(4.0));
        assert_eq!(ok("parseint", vec![s("FF"), n(16.0)]), n(255.0));
        assert_eq!(ok("parseint", vec![s("-1010"), n(2.0)]), n(-10.0));
        assert!(err("parseint", vec![s("12"), n(2.0)]).contains("cannot parse"));
        assert_eq!(ok("sum", vec![l(vec![n(10.0), n(2.5), s("1")])]), n(13.5));
        assert!(err("sum", vec![sl(&[])]).contains("empty"));
        assert_eq!(ok("sum", vec![l(vec![n(1.0), U])]), U);
    }
}
