//! Date and time functions (`formatdate`, `timeadd`, `timecmp`) over RFC 3339
//! timestamps, parsed and printed as Go's `time` package does for Terraform.
//! `timestamp` and `plantimestamp` are unknown (apply_time.rs), so a date
//! computed from them is unknown too.

use super::{Env, Function, Unknowns::Whole, string_arg};
use crate::model::value::Value;
use std::fmt::Write as _;
use time::{Date, Month, OffsetDateTime, Time, UtcOffset};

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("formatdate", 2, 2, Whole, formatdate),
    Function::new("timeadd", 2, 2, Whole, timeadd),
    Function::new("timecmp", 2, 2, Whole, timecmp),
];

/// A timestamp as Go's `time.Parse(time.RFC3339, …)` reads it: a `T` (not
/// `t`), seconds 00–59 (no leap second), an optional fraction, and `Z` or a
/// `±hh:mm` offset.
fn parse_timestamp(text: &str) -> Result<OffsetDateTime, String> {
    let bad = |why: String| format!("not a valid RFC3339 timestamp: {why}");
    let mut rest = text;
    let mut field = |len: usize, what: &str, sep: Option<u8>| -> Result<u32, String> {
        let digits = rest
            .get(..len)
            .filter(|d| d.bytes().all(|b| b.is_ascii_digit()));
        let Some(n) = digits.and_then(|d| d.parse::<u32>().ok()) else {
            return Err(bad(format!("cannot use {rest:?} as {what}")));
        };
        rest = &rest[len..];
        if let Some(sep) = sep {
            match rest.as_bytes().first() {
                Some(&b) if b == sep => rest = &rest[1..],
                _ if sep == b'T' => {
                    return Err(bad("missing required time introducer 'T'".to_string()));
                }
                _ => return Err(bad(format!("cannot parse {rest:?} as {:?}", sep as char))),
            }
        }
        Ok(n)
    };
    let year = field(4, "year", Some(b'-'))?;
    let month = field(2, "month", Some(b'-'))?;
    let day = field(2, "day", Some(b'T'))?;
    let hour = field(2, "hour", Some(b':'))?;
    let minute = field(2, "minute", Some(b':'))?;
    let second = field(2, "second", None)?;
    let mut nanos = 0u32;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(bad(format!("cannot use {rest:?} as second")));
        }
        // Nanoseconds: the first nine digits, the rest dropped as Go drops them.
        let padded = format!("{:0<9}", &frac[..digits.min(9)]);
        nanos = padded.parse().unwrap_or(0);
        rest = &frac[digits..];
    }
    let offset_seconds = match rest.as_bytes() {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2]
            if [h1, h2, m1, m2].iter().all(|b| b.is_ascii_digit()) =>
        {
            let hours = i32::from((h1 - b'0') * 10 + (h2 - b'0'));
            let minutes = i32::from((m1 - b'0') * 10 + (m2 - b'0'));
            if hours > 23 || minutes > 59 {
                return Err(bad(format!("cannot use {rest:?} as UTC offset")));
            }
            let seconds = hours * 3600 + minutes * 60;
            if *sign == b'-' { -seconds } else { seconds }
        }
        [] => return Err(bad("missing UTC offset".to_string())),
        _ => return Err(bad(format!("cannot use {rest:?} as UTC offset"))),
    };
    let month = u8::try_from(month)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or_else(|| bad("month out of range".to_string()))?;
    let date = Date::from_calendar_date(year as i32, month, day as u8)
        .map_err(|_| bad("day out of range".to_string()))?;
    if hour > 23 {
        return Err(bad("hour must be between 0 and 23 inclusive".to_string()));
    }
    if minute > 59 {
        return Err(bad("minute must be between 0 and 59 inclusive".to_string()));
    }
    if second > 59 {
        return Err(bad("second must be between 0 and 59 inclusive".to_string()));
    }
    let time = Time::from_hms_nano(hour as u8, minute as u8, second as u8, nanos)
        .map_err(|e| bad(e.to_string()))?;
    let offset = UtcOffset::from_whole_seconds(offset_seconds).map_err(|e| bad(e.to_string()))?;
    Ok(date.with_time(time).assume_offset(offset))
}

/// The offset as Go prints it: `±hh:mm` (`colon`) or `±hhmm`; `Z` for zero
/// when `zulu`.
fn offset_text(at: OffsetDateTime, colon: bool, zulu: bool) -> String {
    let offset = at.offset();
    if zulu && offset.is_utc() {
        return "Z".to_string();
    }
    let (h, m, _) = offset.as_hms();
    let sign = if offset.is_negative() { '-' } else { '+' };
    let sep = if colon { ":" } else { "" };
    format!("{sign}{:02}{sep}{:02}", h.unsigned_abs(), m.unsigned_abs())
}

/// RFC 3339 without a fraction, in the timestamp's own offset, as Go's
/// `Format(time.RFC3339)`.
fn rfc3339(at: OffsetDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{}",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        offset_text(at, true, true)
    )
}

fn timeadd(a: &[Value], _: &Env) -> Result<Value, String> {
    let at = parse_timestamp(&string_arg(a, 0)?)?;
    let nanos = go_duration(&string_arg(a, 1)?)?;
    let later = at
        .checked_add(time::Duration::nanoseconds(nanos))
        .filter(|t| (0..=9999).contains(&t.year()))
        .ok_or("the result is outside the years 0 to 9999")?;
    Ok(Value::String(rfc3339(later)))
}

fn timecmp(a: &[Value], _: &Env) -> Result<Value, String> {
    let first = parse_timestamp(&string_arg(a, 0)?).map_err(|e| format!("timestamp_a: {e}"))?;
    let second = parse_timestamp(&string_arg(a, 1)?).map_err(|e| format!("timestamp_b: {e}"))?;
    Ok(Value::Number(match first.cmp(&second) {
        std::cmp::Ordering::Less => -1.0,
        std::cmp::Ordering::Equal => 0.0,
        std::cmp::Ordering::Greater => 1.0,
    }))
}

/// Go's `time.ParseDuration`, in nanoseconds: `[-+]?([0-9]*(\.[0-9]*)?unit)+`
/// or `0`, the units `ns`, `us` (`µs`, `μs`), `ms`, `s`, `m`, `h`.
fn go_duration(text: &str) -> Result<i64, String> {
    let invalid = || format!("time: invalid duration {text:?}");
    let (neg, mut rest) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if rest == "0" {
        return Ok(0);
    }
    if rest.is_empty() {
        return Err(invalid());
    }
    let mut total: u64 = 0;
    while !rest.is_empty() {
        if !rest.starts_with(|c: char| c == '.' || c.is_ascii_digit()) {
            return Err(invalid());
        }
        let whole_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        let whole: u64 = if whole_len == 0 {
            0
        } else {
            rest[..whole_len].parse().map_err(|_| invalid())?
        };
        rest = &rest[whole_len..];
        let (mut fraction, mut scale, mut frac_len) = (0u64, 1f64, 0);
        if let Some(after) = rest.strip_prefix('.') {
            frac_len = after.bytes().take_while(u8::is_ascii_digit).count();
            // Digits past what a u64 holds are read and dropped, as Go does.
            let mut overflow = false;
            for b in after[..frac_len].bytes() {
                if overflow {
                    continue;
                }
                match fraction
                    .checked_mul(10)
                    .and_then(|f| f.checked_add(u64::from(b - b'0')))
                {
                    Some(f) => {
                        fraction = f;
                        scale *= 10.0;
                    }
                    None => overflow = true,
                }
            }
            rest = &after[frac_len..];
        }
        if whole_len == 0 && frac_len == 0 {
            return Err(invalid());
        }
        let unit_len = rest
            .find(|c: char| c == '.' || c.is_ascii_digit())
            .unwrap_or(rest.len());
        if unit_len == 0 {
            return Err(format!("time: missing unit in duration {text:?}"));
        }
        let unit_text = &rest[..unit_len];
        rest = &rest[unit_len..];
        let unit: u64 = match unit_text {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60 * 1_000_000_000,
            "h" => 3600 * 1_000_000_000,
            _ => {
                return Err(format!(
                    "time: unknown unit {unit_text:?} in duration {text:?}"
                ));
            }
        };
        let mut value = whole.checked_mul(unit).ok_or_else(invalid)?;
        if fraction > 0 {
            value = value
                .checked_add((fraction as f64 * (unit as f64 / scale)) as u64)
                .ok_or_else(invalid)?;
        }
        total = total.checked_add(value).ok_or_else(invalid)?;
    }
    if neg {
        // Go allows exactly -(1<<63).
        0i64.checked_sub_unsigned(total).ok_or_else(invalid)
    } else {
        i64::try_from(total).map_err(|_| invalid())
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// Terraform's `formatdate`: runs of one letter are verbs (`YYYY`, `MMM`,
/// `hh`, `ZZZZZ`, …), text in single quotes is literal (`''` is a quote),
/// anything else is copied.
fn formatdate(a: &[Value], _: &Env) -> Result<Value, String> {
    let format = string_arg(a, 0)?;
    let at = parse_timestamp(&string_arg(a, 1)?)?;
    let mut out = String::new();
    for token in date_format_tokens(&format) {
        let first = token.as_bytes()[0];
        if first == b'\'' {
            if token.len() == 1 || !token.ends_with('\'') {
                return Err("unterminated literal '".to_string());
            }
            if token == "''" {
                out.push('\'');
            } else {
                out.push_str(&token[1..token.len() - 1].replace("''", "'"));
            }
        } else if first.is_ascii_alphabetic() {
            format_verb(token, at, &mut out)?;
        } else {
            out.push_str(token);
        }
    }
    Ok(Value::String(out))
}

/// The format split as Terraform splits it: a quoted literal (to its closing
/// quote, `''` inside kept), a run of one letter, or a run of other text.
fn date_format_tokens(format: &str) -> Vec<&str> {
    let bytes = format.as_bytes();
    let mut tokens = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let first = bytes[start];
        let mut end = start + 1;
        if first == b'\'' {
            if bytes.get(end) == Some(&b'\'') {
                end += 1;
            } else {
                end = bytes.len();
                let mut i = start + 1;
                while i < bytes.len() {
                    if bytes[i] == b'\'' {
                        if bytes.get(i + 1) == Some(&b'\'') {
                            i += 2;
                            continue;
                        }
                        end = i + 1;
                        break;
                    }
                    i += 1;
                }
            }
        } else if first.is_ascii_alphabetic() {
            while end < bytes.len() && bytes[end] == first {
                end += 1;
            }
        } else {
            while end < bytes.len() && bytes[end] != b'\'' && !bytes[end].is_ascii_alphabetic() {
                end += 1;
            }
        }
        tokens.push(&format[start..end]);
        start = end;
    }
    tokens
}

fn format_verb(verb: &str, at: OffsetDateTime, out: &mut String) -> Result<(), String> {
    let invalid = |why: &str| {
        if why.is_empty() {
            format!("invalid date format verb {verb:?}")
        } else {
            format!("invalid date format verb {verb:?}: {why}")
        }
    };
    // One or two digits, as `D`/`DD`, `h`/`hh`, ….
    let mut number = |n: u8, what: &str| -> Result<(), String> {
        match verb.len() {
            1 => write!(out, "{n}"),
            2 => write!(out, "{n:02}"),
            _ => return Err(invalid(what)),
        }
        .map_err(|e| e.to_string())
    };
    let month = usize::from(u8::from(at.month())) - 1;
    match verb.as_bytes()[0] {
        b'Y' => match verb.len() {
            2 => out.push_str(&format!("{:02}", at.year().rem_euclid(100))),
            4 => out.push_str(&format!("{:04}", at.year())),
            _ => return Err(invalid(r#"year must either be "YY" or "YYYY""#)),
        },
        b'M' => match verb.len() {
            3 => out.push_str(&MONTHS[month][..3]),
            4 => out.push_str(MONTHS[month]),
            1 | 2 => number(u8::from(at.month()), "")?,
            _ => {
                return Err(invalid(r#"month must be "M", "MM", "MMM", or "MMMM""#));
            }
        },
        b'D' => number(at.day(), r#"day of month must either be "D" or "DD""#)?,
        b'E' => {
            let day = WEEKDAYS[usize::from(at.weekday().number_days_from_sunday())];
            match verb.len() {
                3 => out.push_str(&day[..3]),
                4 => out.push_str(day),
                _ => return Err(invalid(r#"day of week must either be "EEE" or "EEEE""#)),
            }
        }
        b'h' => number(at.hour(), r#"24-hour must either be "h" or "hh""#)?,
        b'H' => {
            let twelve = match at.hour() % 12 {
                0 => 12,
                h => h,
            };
            number(twelve, r#"12-hour must either be "H" or "HH""#)?
        }
        letter @ (b'A' | b'a') => {
            if verb.len() != 2 {
                let twice = format!("{0}{0}", letter as char);
                return Err(invalid(&format!("must be {twice:?}")));
            }
            let noon = if at.hour() < 12 { "AM" } else { "PM" };
            if letter == b'A' {
                out.push_str(noon);
            } else {
                out.push_str(&noon.to_lowercase());
            }
        }
        b'm' => number(at.minute(), r#"minute must either be "m" or "mm""#)?,
        b's' => number(at.second(), r#"second must either be "s" or "ss""#)?,
        b'Z' => match verb.len() {
            1 => out.push_str(&offset_text(at, true, true)),
            // Go's zone name: only UTC has one in a parsed timestamp.
            3 if at.offset().is_utc() => out.push_str("UTC"),
            3 | 4 => out.push_str(&offset_text(at, false, false)),
            5 => out.push_str(&offset_text(at, true, false)),
            _ => return Err(invalid("timezone must be Z, ZZZZ, or ZZZZZ")),
        },
        _ => return Err(invalid("")),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    //! Expected values and errors are Terraform 1.11's (`terraform console`).
    use super::super::testing::*;

    fn fd(format: &str, at: &str) -> Value {
        ok("formatdate", vec![s(format), s(at)])
    }
    fn fd_err(format: &str, at: &str) -> String {
        err("formatdate", vec![s(format), s(at)])
    }

    #[test]
    fn formatdate_fn() {
        assert_eq!(
            fd("DD MMM YYYY hh:mm ZZZ", "2018-01-02T23:12:01Z"),
            s("02 Jan 2018 23:12 UTC")
        );
        assert_eq!(
            fd("EEEE, DD-MMM-YY hh:mm:ss ZZZ", "2018-01-02T23:12:01-08:00"),
            s("Tuesday, 02-Jan-18 23:12:01 -0800")
        );
        assert_eq!(
            fd("EEE, DD MMM YYYY hh:mm:ss Z", "2018-01-02T23:12:01+05:30"),
            s("Tue, 02 Jan 2018 23:12:01 +05:30")
        );
        assert_eq!(fd("MMM D, YYYY", "2018-01-02T23:12:01Z"), s("Jan 2, 2018"));
        assert_eq!(
            fd("ZZZZ ZZZZZ Z ZZZ", "2018-01-02T00:05:01+00:00"),
            s("+0000 +00:00 Z UTC")
        );
        assert_eq!(
            fd(
                "ZZZZ ZZZZZ Z ZZZ M MM h HH s",
                "2018-01-02T00:05:01.123-00:30"
            ),
            s("-0030 -00:30 -00:30 -0030 1 01 0 12 1")
        );
        assert_eq!(
            fd("H:mm aa AA 'o''clock' '' MMMM", "2018-01-02T13:05:01Z"),
            s("1:05 pm PM o'clock ' January")
        );
        assert_eq!(
            fd_err("H a", "2018-01-02T00:05:01Z"),
            r#"formatdate: invalid date format verb "a": must be "aa""#
        );
        assert_eq!(
            fd_err("YYY", "2018-01-02T00:05:01Z"),
            r#"formatdate: invalid date format verb "YYY": year must either be "YY" or "YYYY""#
        );
        assert_eq!(
            fd_err("q", "2018-01-02T00:05:01Z"),
            r#"formatdate: invalid date format verb "q""#
        );
        assert_eq!(
            fd_err("'abc", "2018-01-02T00:05:01Z"),
            "formatdate: unterminated literal '"
        );
        assert_eq!(ok("formatdate", vec![s("YYYY"), U]), U);
    }

    #[test]
    fn timestamps_parse_as_go_parses_rfc3339() {
        let bad = |at: &str, why: &str| {
            let e = fd_err("YYYY", at);
            assert!(e.contains(why), "{at}: {e}");
        };
        bad("2018-01-02", "missing required time introducer 'T'");
        bad(
            "2018-01-02t00:05:01z",
            "missing required time introducer 'T'",
        );
        bad(
            "2018-01-02 00:05:01Z",
            "missing required time introducer 'T'",
        );
        bad("2018-13-02T00:05:01Z", "month");
        bad("2018-02-30T00:05:01Z", "day out of range");
        bad(
            "2018-01-02T24:00:00Z",
            "hour must be between 0 and 23 inclusive",
        );
        bad("2016-12-31T23:59:60Z", "second");
        bad("18-01-02T00:05:01Z", "as year");
        bad("2018-01-02T00:05:01+0530", "UTC offset");
        bad("bad", r#"cannot use "bad" as year"#);
    }

    #[test]
    fn timeadd_fn() {
        let add = |at: &str, d: &str| ok("timeadd", vec![s(at), s(d)]);
        assert_eq!(
            add("2017-11-22T00:00:00Z", "10m"),
            s("2017-11-22T00:10:00Z")
        );
        assert_eq!(
            add("2017-11-22T00:00:00Z", "-1h30m"),
            s("2017-11-21T22:30:00Z")
        );
        assert_eq!(
            add("2017-11-22T00:00:00.999+01:00", "1.5h"),
            s("2017-11-22T01:30:00+01:00")
        );
        assert_eq!(add("2017-11-22T00:00:00Z", "0"), s("2017-11-22T00:00:00Z"));
        assert_eq!(
            add("2017-11-22T00:00:00Z", "1us2ns3\u{b5}s"),
            s("2017-11-22T00:00:00Z")
        );
        assert_eq!(
            add("2017-11-22T00:00:00Z", "+.5s"),
            s("2017-11-22T00:00:00Z")
        );
        assert_eq!(
            add("2017-11-22T00:00:00Z", "36h"),
            s("2017-11-23T12:00:00Z")
        );
        let e = |d: &str| err("timeadd", vec![s("2017-11-22T00:00:00Z"), s(d)]);
        assert_eq!(
            e("1d"),
            r#"timeadd: time: unknown unit "d" in duration "1d""#
        );
        assert_eq!(e("1"), r#"timeadd: time: missing unit in duration "1""#);
        assert_eq!(e(""), r#"timeadd: time: invalid duration """#);
        assert_eq!(
            e("1h 2m"),
            r#"timeadd: time: unknown unit "h " in duration "1h 2m""#
        );
        assert!(
            err("timeadd", vec![s("bad"), s("1h")])
                .starts_with("timeadd: not a valid RFC3339 timestamp")
        );
        // `timestamp()` is unknown, so is what is computed from it.
        let now = ok("timestamp", vec![]);
        assert_eq!(ok("timeadd", vec![now, s("1h")]), U);
    }

    #[test]
    fn timecmp_fn() {
        let cmp = |a: &str, b: &str| ok("timecmp", vec![s(a), s(b)]);
        assert_eq!(
            cmp("2017-11-22T00:00:00Z", "2017-11-22T01:00:00+01:00"),
            n(0.0)
        );
        assert_eq!(cmp("2017-11-22T00:00:00Z", "2017-11-22T00:00:01Z"), n(-1.0));
        assert_eq!(cmp("2017-11-22T00:00:01Z", "2017-11-22T00:00:00Z"), n(1.0));
        assert!(
            err("timecmp", vec![s("x"), s("2017-11-22T00:00:00Z")])
                .starts_with("timecmp: timestamp_a: not a valid RFC3339 timestamp")
        );
        assert!(
            err("timecmp", vec![s("2017-11-22T00:00:00Z"), s("y")])
                .starts_with("timecmp: timestamp_b:")
        );
    }
}
