//! `availability-zone-region-mismatch`: a resource names an availability zone outside its region.

use crate::model::Value;
use crate::model::value::Text;
use crate::region;
use crate::rules::context::Context;
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "availability-zone-region-mismatch",
        family: Family::Region,
        severity: Severity::High,
        title: "Availability zone is not in the resource's region",
        rationale: "An availability zone belongs to one region: `eu-central-1b` does not exist in us-east-1. A hardcoded zone copied from another region's configuration, or a provider changed without the zones, fails at apply.",
        remediation: "Use a zone of the resource's region, ideally from `data.aws_availability_zones` read with the same provider.",
        example: r#"data "aws_availability_zones" "eu" {
  provider = aws.eu
}
resource "aws_ebs_volume" "data" {
  provider          = aws.eu
  availability_zone = data.aws_availability_zones.eu.names[0]
  size              = 100
}"#,
        opt_in: false,
        reads: &[
            "aws_ebs_volume",
            "aws_subnet",
            "aws_instance",
            "aws_db_instance",
            "aws_elb",
            "aws_lb",
        ],
    },
    check: Check::Builtin(check),
};

const ZONE_ATTRS: &[&str] = &[
    "availability_zone",
    "availability_zones",
    "preferred_availability_zones",
];

fn check(ctx: &Context, out: &mut Findings) {
    for res in ctx.resources() {
        let Some(here) = super::regional(res) else {
            continue;
        };
        let mut zones: Vec<(String, Text)> = Vec::new();
        for (name, value) in &res.attrs {
            collect_zones(name, name, value, &mut zones);
        }
        for (path, zone) in zones {
            if let Some(region) = region::of_zone(zone.as_str())
                && region != here
            {
                let region = zone.derive(region);
                out.report(
                    res,
                    format!("`{}` ({}) names availability zone `{zone}` in `{path}`, which is in {region}", res.address, res.placement.region_text()),
                );
            }
        }
    }
}

fn collect_zones(name: &str, path: &str, value: &Value, out: &mut Vec<(String, Text)>) {
    // One path buffer for the walk, not a string per nested value.
    fn walk(name: &str, path: &mut String, value: &Value, out: &mut Vec<(String, Text)>) {
        match value.unmarked() {
            Value::String(s) if ZONE_ATTRS.contains(&name) => {
                out.push((path.clone(), Text::new(s.as_str(), value.has_sensitive())))
            }
            Value::List(items) => {
                for item in items {
                    if let Value::Map(map) = item.unmarked() {
                        map.iter().for_each(|(k, v)| descend(k, path, v, out));
                    } else if ZONE_ATTRS.contains(&name)
                        && let Some(s) = item.as_str()
                    {
                        let marked = matches!(value, Value::Sensitive(_)) || item.has_sensitive();
                        out.push((path.clone(), Text::new(s, marked)));
                    }
                }
            }
            Value::Map(map) => map.iter().for_each(|(k, v)| descend(k, path, v, out)),
            _ => {}
        }
    }
    fn descend(key: &str, path: &mut String, value: &Value, out: &mut Vec<(String, Text)>) {
        let len = path.len();
        path.push('.');
        path.push_str(key);
        walk(key, path, value, out);
        path.truncate(len);
    }
    walk(name, &mut path.to_string(), value, out);
}
