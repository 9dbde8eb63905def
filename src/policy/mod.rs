//! Policies: severity threshold, rule enablement and severities, the
//! parameters rules read, and a team's custom rules. This is the data;
//! `load` reads it from HCL (`policies/default.hcl` is built in), `custom`
//! reads `custom_rule` blocks.

pub mod custom;
pub mod load;

use crate::rules::meta::{RuleMeta, Severity};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleSetting {
    pub enabled: Option<bool>,
    pub severity: Option<Severity>,
}

#[derive(Debug, Clone)]
pub struct Policy {
    pub severity_threshold: Severity,
    pub required_regions: Vec<String>,
    pub allowed_regions: Vec<String>,
    pub require_cmk: bool,
    /// `encryption-at-rest-disabled`: every region with EBS volumes needs `aws_ebs_encryption_by_default`.
    pub require_ebs_encryption_by_default: bool,
    pub require_cross_region_copy: bool,
    pub backup_destination_regions: Vec<String>,
    pub min_retention_days: f64,
    pub rules: BTreeMap<String, RuleSetting>,
    /// The files this policy was read from, in order.
    pub sources: Vec<PathBuf>,
    /// Setting → the file that set it last (`tfward config`).
    pub origins: BTreeMap<String, String>,
    /// `custom_rule` blocks, in the order read; a later one with the same id replaces it.
    pub custom_rules: Vec<custom::CustomRule>,
    /// The day of the check, `YYYY-MM-DD`: dated rules and suppression expiry
    /// compare with it. Today in UTC unless the command line's `TFWARD_TODAY`
    /// sets it (tests pin it so dated data does not change their meaning).
    pub today: String,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            severity_threshold: Severity::High,
            required_regions: Vec::new(),
            allowed_regions: Vec::new(),
            require_cmk: false,
            require_ebs_encryption_by_default: false,
            require_cross_region_copy: true,
            backup_destination_regions: Vec::new(),
            min_retention_days: 0.0,
            rules: BTreeMap::new(),
            sources: Vec::new(),
            origins: BTreeMap::new(),
            custom_rules: Vec::new(),
            today: utc_today(),
        }
    }
}

/// Today's date in UTC, `YYYY-MM-DD`.
fn utc_today() -> String {
    let date = time::OffsetDateTime::now_utc().date();
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// `text` when it is a day of the calendar written `YYYY-MM-DD`; such days
/// compare as strings in date order.
pub fn parse_day(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape {
        return None;
    }
    let year: i32 = text[..4].parse().ok()?;
    let month = time::Month::try_from(text[5..7].parse::<u8>().ok()?).ok()?;
    let day: u8 = text[8..].parse().ok()?;
    time::Date::from_calendar_date(year, month, day).ok()?;
    Some(text.to_string())
}

impl Policy {
    /// The severity a rule reports with, or `None` when the policy disables it.
    pub fn effective_severity(&self, meta: &RuleMeta) -> Option<Severity> {
        let setting = self.rules.get(meta.id);
        if setting.and_then(|s| s.enabled) == Some(false) {
            return None;
        }
        Some(setting.and_then(|s| s.severity).unwrap_or(meta.severity))
    }
}

#[cfg(test)]
mod tests {
    use super::parse_day;

    #[test]
    fn days_are_calendar_dates_written_in_full() {
        assert_eq!(parse_day("2026-12-03").as_deref(), Some("2026-12-03"));
        assert_eq!(parse_day("2028-02-29").as_deref(), Some("2028-02-29"));
        for bad in [
            "2026-02-30",
            "2026-13-01",
            "2026-1-03",
            "20261203",
            "2026-12-03 ",
            "today",
            "",
        ] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_default_day_is_a_day() {
        let today = super::Policy::default().today;
        assert_eq!(parse_day(&today), Some(today));
    }
}
