//! `backup-rule-schedule-invalid`: a backup rule's schedule is not a valid AWS cron or rate expression.

use crate::model::Value;
use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "backup-rule-schedule-invalid",
        family: Family::Backup,
        severity: Severity::Medium,
        title: "Backup rule schedule is not a valid AWS cron or rate expression",
        rationale: "AWS cron expressions have six fields (minutes, hours, day-of-month, month, day-of-week, year) and exactly one of day-of-month and day-of-week must be `?`. A Unix-style five-field cron, or `*` in both day fields, is rejected when the plan is created, or the plan never runs.",
        remediation: "Write the schedule as `cron(M H DoM Mon DoW Y)` with `?` in day-of-month or day-of-week, or as `rate(N hours|days)`.",
        example: r#"schedule = "cron(0 5 * * ? *)" # 05:00 UTC every day"#,
        opt_in: false,
        reads: &["aws_backup_plan"],
    },
    check: Check::Builtin(check),
};

fn check(ctx: &Context, out: &mut Findings) {
    for plan in ctx.managed("aws_backup_plan") {
        for rule in super::plan_rules(plan) {
            let Some(schedule) = rule.get("schedule").and_then(Value::quoted) else {
                continue;
            };
            if let Err(why) = validate_schedule(schedule.as_str()) {
                // The reason quotes parts of the schedule: not shown for a marked one.
                let why = if schedule.is_sensitive() {
                    "it is not a valid AWS cron or rate expression (the details would show the sensitive value)".to_string()
                } else {
                    why
                };
                let name = super::rule_name(rule);
                out.report(
                    plan,
                    format!(
                        "rule `{name}` of `{}` has schedule `{schedule}`: {why}",
                        plan.address
                    ),
                );
            }
        }
    }
}

/// Validates an AWS `cron(...)` or `rate(...)` schedule expression.
pub fn validate_schedule(text: &str) -> Result<(), String> {
    let text = text.trim();
    if let Some(inner) = text.strip_prefix("rate(").and_then(|t| t.strip_suffix(')')) {
        let parts: Vec<&str> = inner.split_whitespace().collect();
        let [value, unit] = parts.as_slice() else {
            return Err("a rate needs a value and a unit, as in `rate(12 hours)`".to_string());
        };
        let n: u64 = value
            .parse()
            .map_err(|_| format!("`{value}` is not a positive whole number"))?;
        let (singular, plural) = (["minute", "hour", "day"], ["minutes", "hours", "days"]);
        return match (n, *unit) {
            (0, _) => Err("the rate value must be positive".to_string()),
            (1, u) if singular.contains(&u) => Ok(()),
            (n, u) if n > 1 && plural.contains(&u) => Ok(()),
            (_, u) => Err(format!(
                "`{u}` is not a valid unit for {n} (minute(s), hour(s), day(s))"
            )),
        };
    }
    let Some(inner) = text.strip_prefix("cron(").and_then(|t| t.strip_suffix(')')) else {
        return Err("a schedule is `cron(...)` or `rate(...)`".to_string());
    };
    let fields: Vec<&str> = inner.split_whitespace().collect();
    if fields.len() != 6 {
        return Err(format!(
            "AWS cron has 6 fields (minutes hours day-of-month month day-of-week year), this has {}",
            fields.len()
        ));
    }
    const MONTHS: &[&str] = &[
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ];
    const DAYS: &[&str] = &["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    check_field(fields[0], "minutes", 0, 59, &[], "")?;
    check_field(fields[1], "hours", 0, 23, &[], "")?;
    check_field(fields[2], "day-of-month", 1, 31, &[], "?LW")?;
    check_field(fields[3], "month", 1, 12, MONTHS, "")?;
    check_field(fields[4], "day-of-week", 1, 7, DAYS, "?L#")?;
    check_field(fields[5], "year", 1970, 2199, &[], "")?;
    match (fields[2] == "?", fields[4] == "?") {
        (true, true) => Err("only one of day-of-month and day-of-week may be `?`".to_string()),
        (false, false) => Err("one of day-of-month and day-of-week must be `?`".to_string()),
        _ => Ok(()),
    }
}

fn check_field(
    field: &str,
    name: &str,
    min: u32,
    max: u32,
    names: &[&str],
    extra: &str,
) -> Result<(), String> {
    let bad = || format!("`{field}` is not a valid {name} field");
    if field == "?" {
        return if extra.contains('?') {
            Ok(())
        } else {
            Err(bad())
        };
    }
    let value = |token: &str| -> Result<u32, String> {
        if let Some(i) = names.iter().position(|n| n.eq_ignore_ascii_case(token)) {
            return Ok(min + i as u32);
        }
        let n: u32 = token.parse().map_err(|_| bad())?;
        if (min..=max).contains(&n) {
            Ok(n)
        } else {
            Err(format!("{name} value {n} is outside {min}-{max}"))
        }
    };
    for item in field.split(',') {
        let (range, step) = match item.split_once('/') {
            Some((r, s)) => (r, Some(s)),
            None => (item, None),
        };
        if let Some(step) = step {
            let s: u32 = step.parse().map_err(|_| bad())?;
            if s == 0 {
                return Err(bad());
            }
        }
        match range {
            "*" => {}
            "L" if extra.contains('L') => {}
            "LW" if extra.contains('W') => {}
            _ if extra.contains('W') && range.ends_with('W') => {
                value(&range[..range.len() - 1])?;
            }
            _ if extra.contains('L') && range.ends_with('L') && range.len() > 1 => {
                value(&range[..range.len() - 1])?;
            }
            _ if extra.contains('#') && range.contains('#') => {
                let (day, nth) = range.split_once('#').ok_or_else(bad)?;
                value(day)?;
                if !matches!(nth.parse::<u32>(), Ok(1..=5)) {
                    return Err(bad());
                }
            }
            _ => match range.split_once('-') {
                Some((a, b)) => {
                    value(a)?;
                    value(b)?;
                }
                None => {
                    value(range)?;
                }
            },
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::validate_schedule;

    #[test]
    fn valid_schedules() {
        for ok in [
            "cron(0 5 * * ? *)",
            "cron(0 12 ? * MON-FRI *)",
            "cron(15 10 L * ? 2027)",
            "cron(0 0/4 * * ? *)",
            "cron(0 8 ? * 6#3 *)",
            "cron(0 8 15W * ? *)",
            "cron(0 1 ? JAN,JUL 2L *)",
            "rate(1 hour)",
            "rate(12 hours)",
            "rate(7 days)",
        ] {
            assert_eq!(validate_schedule(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn invalid_schedules() {
        for (bad, why) in [
            ("cron(0 5 * * *)", "6 fields"),
            ("cron(0 5 * * * *)", "must be `?`"),
            ("cron(0 5 ? * ? *)", "only one"),
            ("cron(60 5 * * ? *)", "outside 0-59"),
            ("cron(0 24 * * ? *)", "outside 0-23"),
            ("cron(0 5 * 13 ? *)", "outside 1-12"),
            ("cron(0 5 ? * 8 *)", "outside 1-7"),
            ("cron(0 5 ? * MON#7 *)", "not a valid"),
            ("0 5 * * ?", "cron(...)"),
            ("rate(1 hours)", "not a valid unit"),
            ("rate(2 hour)", "not a valid unit"),
            ("rate(0 days)", "positive"),
            ("rate(daily)", "value and a unit"),
        ] {
            let err = validate_schedule(bad).expect_err(bad);
            assert!(err.contains(why), "{bad}: {err}");
        }
    }
}
