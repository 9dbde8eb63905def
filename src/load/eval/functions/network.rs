//! Network functions: `cidrsubnet`, `cidrsubnets`, `cidrhost` and `cidrnetmask`, with
//! Go's CIDR arithmetic for IPv4 and IPv6.

use super::{Env, Function, Unknowns::Whole, int, string_arg};
use crate::model::value::Value;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

pub(super) const FUNCTIONS: &[Function] = &[
    Function::new("cidrhost", 2, 2, Whole, cidrhost),
    Function::new("cidrnetmask", 1, 1, Whole, cidrnetmask),
    Function::new("cidrsubnet", 3, 3, Whole, cidrsubnet),
    Function::new("cidrsubnets", 1, super::MANY, Whole, cidrsubnets),
];

fn cidrnetmask(a: &[Value], _: &Env) -> Result<Value, String> {
    let net = parse_cidr(&string_arg(a, 0)?)?;
    if net.v6 {
        return Err("only IPv4 networks are supported".into());
    }
    Ok(Value::String(render_ip(
        !host_mask(net.prefix, 32) & 0xffff_ffff,
        false,
    )))
}

struct Net {
    addr: u128,
    prefix: u32,
    bits: u32,
    v6: bool,
}

fn parse_cidr(text: &str) -> Result<Net, String> {
    let bad = || format!("invalid CIDR expression {text:?}");
    let (ip, len) = text.split_once('/').ok_or_else(bad)?;
    let ip: IpAddr = ip.parse().map_err(|_| bad())?;
    let prefix: u32 = len.parse().map_err(|_| bad())?;
    let (addr, bits, v6) = match ip {
        IpAddr::V4(a) => (u128::from(u32::from(a)), 32, false),
        IpAddr::V6(a) => (u128::from(a), 128, true),
    };
    if prefix > bits {
        return Err(bad());
    }
    // Like Go's ParseCIDR, keep only the network part.
    Ok(Net {
        addr: addr & !host_mask(prefix, bits),
        prefix,
        bits,
        v6,
    })
}

/// Mask of the host bits below a prefix of `prefix` out of `bits`.
fn host_mask(prefix: u32, bits: u32) -> u128 {
    1u128
        .checked_shl(bits - prefix)
        .map_or(u128::MAX, |v| v - 1)
}

fn render_ip(addr: u128, v6: bool) -> String {
    if v6 {
        Ipv6Addr::from(addr).to_string()
    } else {
        Ipv4Addr::from(addr as u32).to_string()
    }
}

fn cidrsubnet(a: &[Value], _: &Env) -> Result<Value, String> {
    let prefix = string_arg(a, 0)?;
    let (newbits, netnum) = (int(&a[1], "newbits")?, int(&a[2], "netnum")?);
    let net = parse_cidr(&prefix)?;
    if newbits < 0 {
        return Err("newbits must not be negative".into());
    }
    let new_prefix = net.prefix as i64 + newbits;
    if new_prefix > net.bits as i64 {
        return Err(format!(
            "insufficient address space to extend prefix of {} by {newbits}",
            net.prefix
        ));
    }
    let new_prefix = new_prefix as u32;
    let capacity = host_mask(net.bits - newbits as u32, net.bits);
    if netnum < 0 || netnum as u128 > capacity {
        return Err(format!(
            "prefix extension of {newbits} does not accommodate a subnet numbered {netnum}"
        ));
    }
    let shifted = (netnum as u128)
        .checked_shl(net.bits - new_prefix)
        .unwrap_or(0);
    Ok(Value::String(format!(
        "{}/{new_prefix}",
        render_ip(net.addr | shifted, net.v6)
    )))
}

/// Consecutive subnets of the prefix, each `newbits` longer than it, each
/// the next free one of its size after the one before (go-cidr's
/// `NextSubnet`, as Terraform uses it).
fn cidrsubnets(a: &[Value], _: &Env) -> Result<Value, String> {
    let net = parse_cidr(&string_arg(a, 0)?)?;
    let all = host_mask(0, net.bits);
    let mask = |prefix: u32| all & !host_mask(prefix, net.bits);
    // The subnet just before the prefix, of its own size (it wraps from 0).
    let mut current = (
        net.addr.wrapping_sub(1) & all & mask(net.prefix),
        net.prefix,
    );
    let mut subnets = Vec::with_capacity(a.len() - 1);
    for arg in &a[1..] {
        let newbits = int(arg, "newbits")?;
        if newbits < 1 {
            return Err("newbits: must extend prefix by at least one bit".into());
        }
        if newbits > 32 {
            return Err("newbits: may not extend prefix by more than 32 bits".into());
        }
        let length = net.prefix + newbits as u32;
        if length > net.bits {
            let family = if net.v6 { "IPv6" } else { "IPv4" };
            return Err(format!(
                "newbits: would extend prefix to {length} bits, which is too long for an {family} address"
            ));
        }
        let current_last = current.0 | host_mask(current.1, net.bits);
        let last =
            ((current_last & mask(length)) | host_mask(length, net.bits)).wrapping_add(1) & all;
        let next = last & mask(length);
        if last == 0 || next & mask(net.prefix) != net.addr {
            return Err(format!(
                "newbits: not enough remaining address space for a subnet with a prefix of {length} bits after {}/{}",
                render_ip(current.0, net.v6),
                current.1
            ));
        }
        current = (next, length);
        subnets.push(Value::String(format!(
            "{}/{length}",
            render_ip(next, net.v6)
        )));
    }
    Ok(Value::List(subnets))
}

fn cidrhost(a: &[Value], _: &Env) -> Result<Value, String> {
    let (prefix, hostnum) = (string_arg(a, 0)?, int(&a[1], "hostnum")?);
    let net = parse_cidr(&prefix)?;
    let max = host_mask(net.prefix, net.bits);
    // Negative numbers count back from the last address, as in go-cidr.
    let host = if hostnum < 0 {
        max.checked_sub(hostnum.unsigned_abs() as u128 - 1)
    } else {
        Some(hostnum as u128).filter(|h| *h <= max)
    };
    let host = host.ok_or_else(|| {
        format!(
            "prefix of {} bits cannot accommodate a host numbered {hostnum}",
            net.prefix
        )
    })?;
    Ok(Value::String(render_ip(net.addr | host, net.v6)))
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;

    #[test]
    fn cidr_fns() {
        assert_eq!(
            ok("cidrsubnet", vec![s("172.16.0.0/12"), n(4.0), n(2.0)]),
            s("172.18.0.0/16")
        );
        assert_eq!(
            ok("cidrsubnet", vec![s("10.1.2.0/24"), n(4.0), n(15.0)]),
            s("10.1.2.240/28")
        );
        assert_eq!(
            ok("cidrsubnet", vec![s("10.1.2.3/16"), n(8.0), n(3.0)]),
            s("10.1.3.0/24")
        );
        assert_eq!(
            ok(
                "cidrsubnet",
                vec![s("fd00:fd12:3456:7890::/56"), n(16.0), n(162.0)]
            ),
            s("fd00:fd12:3456:7800:a200::/72")
        );
        assert!(err("cidrsubnet", vec![s("10.0.0.0/24"), n(2.0), n(4.0)]).contains("accommodate"));
        assert!(err("cidrsubnet", vec![s("10.0.0.0/30"), n(4.0), n(0.0)]).contains("insufficient"));
        assert!(err("cidrsubnet", vec![s("nope"), n(4.0), n(0.0)]).contains("invalid CIDR"));
        assert_eq!(
            ok("cidrhost", vec![s("10.12.112.0/20"), n(16.0)]),
            s("10.12.112.16")
        );
        assert_eq!(
            ok("cidrhost", vec![s("10.12.112.0/20"), n(268.0)]),
            s("10.12.113.12")
        );
        assert_eq!(
            ok("cidrhost", vec![s("10.0.0.0/24"), n(-1.0)]),
            s("10.0.0.255")
        );
        assert_eq!(
            ok(
                "cidrhost",
                vec![s("fd00:fd12:3456:7890:00a2::/72"), n(34.0)]
            ),
            s("fd00:fd12:3456:7890::22")
        );
        assert!(err("cidrhost", vec![s("10.0.0.0/24"), n(256.0)]).contains("cannot accommodate"));
        assert!(err("cidrhost", vec![s("10.0.0.0/24"), n(-257.0)]).contains("cannot accommodate"));
        assert_eq!(
            ok("cidrnetmask", vec![s("172.16.0.0/12")]),
            s("255.240.0.0")
        );
        assert_eq!(ok("cidrhost", vec![U, n(1.0)]), U);
    }

    #[test]
    fn cidrsubnets_fn() {
        // Expected values are Terraform 1.11's (`terraform console`).
        let subnets = |args: Vec<Value>| ok("cidrsubnets", args);
        assert_eq!(
            subnets(vec![s("10.1.0.0/16"), n(4.0), n(4.0), n(8.0), n(4.0)]),
            sl(&[
                "10.1.0.0/20",
                "10.1.16.0/20",
                "10.1.32.0/24",
                "10.1.48.0/20"
            ])
        );
        assert_eq!(
            subnets(vec![
                s("fd00:fd12:3456:7890::/56"),
                n(16.0),
                n(16.0),
                n(16.0),
                n(32.0)
            ]),
            sl(&[
                "fd00:fd12:3456:7800::/72",
                "fd00:fd12:3456:7800:100::/72",
                "fd00:fd12:3456:7800:200::/72",
                "fd00:fd12:3456:7800:300::/88"
            ])
        );
        assert_eq!(subnets(vec![s("10.1.0.0/16")]), sl(&[]));
        assert_eq!(
            subnets(vec![s("10.1.2.3/16"), n(8.0)]),
            sl(&["10.1.0.0/24"])
        );
        assert_eq!(
            subnets(vec![s("10.1.0.0/16"), n(8.0), n(4.0)]),
            sl(&["10.1.0.0/24", "10.1.16.0/20"])
        );
        assert_eq!(
            err("cidrsubnets", vec![s("fd00::/8"), n(40.0)]),
            "cidrsubnets: newbits: may not extend prefix by more than 32 bits"
        );
        assert_eq!(
            err("cidrsubnets", vec![s("10.1.0.0/16"), n(17.0)]),
            "cidrsubnets: newbits: would extend prefix to 33 bits, which is too long for an IPv4 address"
        );
        assert_eq!(
            err(
                "cidrsubnets",
                vec![s("10.1.0.0/30"), n(1.0), n(1.0), n(1.0)]
            ),
            "cidrsubnets: newbits: not enough remaining address space for a subnet with a prefix of 31 bits after 10.1.0.2/31"
        );
        assert_eq!(
            err("cidrsubnets", vec![s("10.1.0.0/16"), n(0.0)]),
            "cidrsubnets: newbits: must extend prefix by at least one bit"
        );
        assert_eq!(ok("cidrsubnets", vec![s("10.1.0.0/16"), U]), U);
    }
}
