//! `route53-public-zone-placeholder`: a public hosted zone with a reserved name or placeholder records.

use crate::model::value::Text;
use crate::model::{Resource, Value};
use crate::rules::context::{Context, path_matches};
use crate::rules::finding::Findings;
use crate::rules::meta::{Family, RuleMeta, Severity};
use crate::rules::rule::{Check, Rule};
use std::net::IpAddr;

pub const RULE: Rule = Rule {
    meta: RuleMeta {
        id: "route53-public-zone-placeholder",
        family: Family::Network,
        severity: Severity::Medium,
        title: "Public hosted zone uses a reserved name or placeholder records",
        rationale: "`example.com`, `.test`, `.local`, `.invalid` and `.localhost` are reserved (RFC 2606, RFC 6761): a public zone for them is a template never finished. Records pointing at documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24) or private addresses from a public zone resolve for everyone to nothing useful, or leak internal addressing.",
        remediation: "Use the real domain, put internal names in a private zone (`vpc` block), and point public records at public endpoints (or alias records).",
        example: r#"resource "aws_route53_zone" "internal" {
  name = "corp.internal"
  vpc {
    vpc_id = aws_vpc.main.id
  }
}"#,
        opt_in: false,
        reads: &["aws_route53_zone", "aws_route53_record"],
    },
    check: Check::Builtin(check),
};

/// No `vpc` block: public. A `vpc` known only after apply may make it private.
fn is_public(zone: &Resource) -> bool {
    zone.attr("vpc").is_none_or(|v| match v.unmarked() {
        Value::Null => true,
        Value::List(items) => items.is_empty(),
        _ => false,
    })
}

fn reserved_name(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    ["example.com", "example.net", "example.org", "example"]
        .iter()
        .any(|r| name == *r || name.ends_with(&format!(".{r}")))
        || ["test", "local", "invalid", "localhost"]
            .iter()
            .any(|tld| name == *tld || name.ends_with(&format!(".{tld}")))
}

fn placeholder_address(text: &str) -> Option<&'static str> {
    let ip: IpAddr = text.trim().parse().ok()?;
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, c, _] = v4.octets();
            if (a, b, c) == (192, 0, 2) || (a, b, c) == (198, 51, 100) || (a, b, c) == (203, 0, 113)
            {
                Some("a documentation address")
            } else if v4.is_private() || v4.is_loopback() || v4.is_link_local() {
                Some("a private address")
            } else {
                None
            }
        }
        IpAddr::V6(v6) => {
            let seg = v6.segments();
            if seg[0] == 0x2001 && seg[1] == 0x0db8 {
                Some("a documentation address")
            } else if (seg[0] & 0xfe00) == 0xfc00 || v6.is_loopback() {
                Some("a private address")
            } else {
                None
            }
        }
    }
}

fn check(ctx: &Context, out: &mut Findings) {
    for zone in ctx.managed("aws_route53_zone").filter(|z| is_public(z)) {
        if let Some(name) = zone.attr("name").and_then(Value::quoted)
            && reserved_name(name.as_str())
        {
            out.report(
                zone,
                format!(
                    "public zone `{}` is for `{name}`, a reserved name",
                    zone.address
                ),
            );
        }
        // Records of this zone, by reference (zone_id = aws_route53_zone.x.zone_id).
        for (record, r) in ctx.referrers(zone) {
            if record.r#type != "aws_route53_record" || !path_matches(&r.attr, "zone_id") {
                continue;
            }
            let bad: Vec<(Text, &str)> = record
                .attr("records")
                .and_then(Value::as_list)
                .into_iter()
                .flatten()
                .filter_map(|v| v.quoted().filter(|_| v.as_str().is_some()))
                .filter_map(|ip| placeholder_address(ip.as_str()).map(|why| (ip, why)))
                .collect();
            if let Some((ip, why)) = bad.first() {
                out.report(
                    record,
                    format!(
                        "`{}` in public zone `{}` points at `{ip}`, {why}",
                        record.address, zone.address
                    ),
                )
                .related(zone, "zone");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_addresses() {
        assert!(
            reserved_name("example.com")
                && reserved_name("app.example.org.")
                && reserved_name("foo.test")
        );
        assert!(!reserved_name("examples.com") && !reserved_name("acme.io"));
        assert_eq!(
            placeholder_address("192.0.2.10"),
            Some("a documentation address")
        );
        assert_eq!(placeholder_address("10.0.0.5"), Some("a private address"));
        assert_eq!(
            placeholder_address("2001:db8::1"),
            Some("a documentation address")
        );
        assert_eq!(placeholder_address("52.95.110.1"), None);
        assert_eq!(placeholder_address("not-an-ip"), None);
    }
}
