//! Values Terraform marks sensitive never reach an output.
//!
//! Rules decide through the marks (`Value::unmarked`, `as_str`), and quote
//! through them: a text a message quotes is a `model::value::Text`
//! (`Value::quoted`, the parts of a parsed policy, a label built from one),
//! which prints `(sensitive)` when its value was marked. `Model::finish` puts
//! every mark on the leaves, so a value read out of a marked block keeps it.
//! Every finding then passes through `mask`, the second line of defence,
//! which replaces whatever marked text a message or a suppression reason
//! still holds, whichever rule wrote it.
//!
//! `crate::leaks` checks the whole way, every output format included.

use crate::model::{Model, Value};
use crate::region::{looks_like_region, of_arn};
use crate::rules::finding::Finding;
use std::borrow::Cow;
use std::collections::HashSet;

/// Every string of a model's values, with whether it is under a sensitive marker.
pub fn each_string<'m>(model: &'m Model, f: &mut dyn FnMut(&'m str, bool)) {
    fn walk<'m>(value: &'m Value, inside: bool, f: &mut dyn FnMut(&'m str, bool)) {
        match value {
            Value::Sensitive(inner) => walk(inner, true, f),
            Value::String(s) | Value::Partial(s) => f(s, inside),
            Value::List(items) => items.iter().for_each(|v| walk(v, inside, f)),
            Value::Map(map) => map.iter().for_each(|(k, v)| {
                // A marked map's keys are marked with it (`Value::keys`).
                f(k, inside);
                walk(v, inside, f)
            }),
            _ => {}
        }
    }
    for res in &model.resources {
        res.attrs.iter().for_each(|(k, v)| {
            f(k, false);
            walk(v, false, f)
        });
    }
    for p in &model.providers {
        p.region.iter().for_each(|v| walk(v, false, f));
        walk(&p.default_tags, false, f);
    }
}

/// The texts a marked string gives away: the string; each string in it when
/// it is JSON (a marked policy's Sid, actions, ARNs); and of each ARN among
/// them, the region, the account and the resource with its name (a rule may quote the
/// bucket, key or role a marked ARN names without quoting the ARN).
pub fn marked_texts<'s>(s: &'s str, out: &mut dyn FnMut(Cow<'s, str>)) {
    fn arn_parts<'a>(s: &'a str, out: &mut dyn FnMut(Cow<'a, str>)) {
        let Some(rest) = s.strip_prefix("arn:") else {
            return;
        };
        let parts: Vec<&str> = rest.splitn(5, ':').collect();
        // Not the fixed parts (`arn`, the partition, the service, a resource
        // type such as `role` or `key`): they name no one, and masking them
        // would garble every message that uses the word.
        if let [_, service, region, account, resource] = parts[..] {
            // The region too: a rule judging by it must not quote it.
            out(Cow::Borrowed(region));
            out(Cow::Borrowed(account));
            out(Cow::Borrowed(resource));
            let first = |s: &'a str| s.split(['/', ':']).next().unwrap_or(s);
            if service == "s3" {
                // `<bucket>/<key>`: no type prefix.
                out(Cow::Borrowed(first(resource)));
            } else if let Some((_, name)) = resource.split_once(['/', ':']) {
                // `key/<id>`, `role/<path>/<name>`, `log-group:<name>:*`.
                out(Cow::Borrowed(name));
                out(Cow::Borrowed(first(name)));
                if let Some(last) = name.rsplit(['/', ':']).find(|p| *p != "*") {
                    out(Cow::Borrowed(last));
                }
            }
        }
    }
    fn json_texts<'s>(json: &serde_json::Value, out: &mut dyn FnMut(Cow<'s, str>)) {
        match json {
            serde_json::Value::String(s) => {
                out(Cow::Owned(s.clone()));
                let mut parts = Vec::new();
                arn_parts(s, &mut |p| parts.push(p.into_owned()));
                parts.into_iter().for_each(|p| out(Cow::Owned(p)));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| json_texts(v, out)),
            serde_json::Value::Object(map) => map.values().for_each(|v| json_texts(v, out)),
            _ => {}
        }
    }
    out(Cow::Borrowed(s));
    arn_parts(s, out);
    let trimmed = s.trim_start();
    if (trimmed.starts_with('{') || trimmed.starts_with('['))
        && let Ok(json) = serde_json::from_str::<serde_json::Value>(trimmed)
    {
        json_texts(&json, out);
    }
}

/// Replaces every marked text of `model` in the findings' messages and
/// suppression reasons by `(sensitive)`. Parts of a marked text (ARN parts,
/// strings of marked JSON) shorter than four bytes, or that name a resource
/// or module (public anyway), are left: replacing them would only garble
/// addresses and words.
pub fn mask(model: &Model, findings: &mut [Finding]) {
    if findings.is_empty() {
        return;
    }
    // The names addresses are made of, built once: a plan has 100,000
    // addresses and may have as many marked ARNs.
    let names: HashSet<&str> = model
        .resources
        .iter()
        .flat_map(|r| r.address.split(['.', '[', ']', '"']))
        .collect();
    // Each text with whether it is a whole marked value (or only a part of one).
    let mut secrets: Vec<(Cow<str>, bool)> = Vec::new();
    let mut parts: Vec<Cow<str>> = Vec::new();
    // Regions the input names unmarked (a provider's region, an unmarked
    // ARN's, a resolved placement): public, even where a marked ARN holds
    // the same text. Rules quote a marked ARN's region through its mark.
    let mut public_regions: HashSet<&str> = model
        .resources
        .iter()
        .filter(|r| !r.placement.sensitive)
        .filter_map(|r| r.placement.region.name())
        .collect();
    each_string(model, &mut |s, sensitive| {
        if !sensitive {
            if looks_like_region(s) {
                public_regions.insert(s);
            } else if let Some(region) = of_arn(s) {
                public_regions.insert(region);
            }
            return;
        }
        if s.is_empty() {
            return;
        }
        secrets.push((Cow::Borrowed(s), true));
        let mut all = Vec::new();
        marked_texts(s, &mut |p| all.push(p));
        parts.extend(
            all.into_iter()
                .skip(1)
                .filter(|p| p.len() >= 4 && !names.contains(p.as_ref()) && !is_common_word(p)),
        );
    });
    // A part that is a public region stays (a whole marked value never does).
    secrets.extend(
        parts
            .into_iter()
            .filter(|p| !public_regions.contains(p.as_ref()))
            .map(|p| (p, false)),
    );
    if secrets.is_empty() {
        return;
    }
    // Only texts that can occur in a finding: a plan has far more marked
    // texts than its findings quote, and each one costs the automaton
    // memory. A text of four bytes or more occurs only where its first and
    // last four bytes do.
    let mut grams: HashSet<[u8; 4]> = HashSet::new();
    for f in findings.iter() {
        let reason = f.suppressed.as_ref().map(|s| s.justification.as_bytes());
        for text in std::iter::once(f.message.as_bytes()).chain(reason) {
            grams.extend(text.windows(4).map(|w| [w[0], w[1], w[2], w[3]]));
        }
    }
    let gram = |b: &[u8]| [b[0], b[1], b[2], b[3]];
    secrets.retain(|(s, _)| {
        let b = s.as_bytes();
        b.len() < 4 || (grams.contains(&gram(b)) && grams.contains(&gram(&b[b.len() - 4..])))
    });
    if secrets.is_empty() {
        return;
    }
    // A text both whole and a part counts as whole (masked more readily).
    secrets.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    secrets.dedup_by(|later, first| later.0 == first.0);
    // One automaton for all marked texts, one pass per text: comparing each
    // finding with each marked text took minutes on a plan of 100,000
    // resources with a marked value each. Every match (overlapping), then
    // the leftmost-longest of those that are whole tokens: a longer text
    // that is not one must not hide a shorter one that is.
    let automaton = aho_corasick::AhoCorasick::new(secrets.iter().map(|s| s.0.as_bytes()));
    let scrub = |text: &mut String, address: &str, related: &[crate::rules::finding::Related]| {
        let mut found: Vec<(usize, usize, bool)> = match &automaton {
            Ok(ac) => {
                if !ac.is_match(text.as_str()) {
                    return;
                }
                ac.find_overlapping_iter(text.as_str())
                    .map(|m| (m.start(), m.end(), secrets[m.pattern().as_usize()].1))
                    .collect()
            }
            // Too many patterns for an automaton: the slow way, never no mask.
            Err(_) => secrets
                .iter()
                .flat_map(|(s, whole)| {
                    text.match_indices(s.as_ref())
                        .map(|(i, m)| (i, i + m.len(), *whole))
                })
                .collect(),
        };
        found.retain(|&(start, end, whole)| whole_token(text, start, end, whole));
        if found.is_empty() {
            return;
        }
        // The addresses the finding names are public: never masked inside.
        let kept: Vec<(usize, usize)> = std::iter::once(address)
            .chain(related.iter().map(|r| r.address.as_str()))
            .filter(|a| !a.is_empty())
            .flat_map(|a| text.match_indices(a).map(|(i, m)| (i, i + m.len())))
            .collect();
        found.retain(|&(start, end, _)| !kept.iter().any(|&(s, e)| start < e && s < end));
        if found.is_empty() {
            return;
        }
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = String::with_capacity(text.len());
        let mut done = 0;
        for (start, end, _) in found {
            if start < done {
                continue;
            }
            out.push_str(&text[done..start]);
            out.push_str("(sensitive)");
            done = end;
        }
        out.push_str(&text[done..]);
        *text = out;
    };
    for f in findings.iter_mut() {
        scrub(&mut f.message, &f.address, &f.related);
        if let Some(s) = &mut f.suppressed {
            scrub(&mut s.justification, &f.address, &f.related);
        }
    }
}

/// Whether `text[start..end]` is a whole token: it neither starts right
/// after nor ends right before a letter, digit, `_` or `-` that would make
/// it part of a longer word (`role` in `aws_iam_role_policy`). An end that
/// is not itself such a character splits no word. A whole marked value
/// (`whole`) is masked inside a name joined by `_` or `-` too
/// (`hunter2-vault` in `hunter2-vault-typo`): only a part is a mere word.
fn whole_token(text: &str, start: usize, end: usize, whole: bool) -> bool {
    let word = |b: u8| b.is_ascii_alphanumeric() || (!whole && (b == b'_' || b == b'-'));
    let b = text.as_bytes();
    let (Some(&first), Some(&last)) = (b.get(start), end.checked_sub(1).and_then(|i| b.get(i)))
    else {
        return false;
    };
    (!word(first) || start == 0 || !word(b[start - 1]))
        && (!word(last) || end == b.len() || !word(b[end]))
}

/// Whether a part of a marked text (never a whole one) is a word the rules'
/// own texts use: masked alone, it would garble messages and hide nothing.
fn is_common_word(part: &str) -> bool {
    static WORDS: std::sync::LazyLock<HashSet<String>> = std::sync::LazyLock::new(|| {
        let mut words = HashSet::new();
        for rule in crate::rules::RULES {
            let m = &rule.meta;
            for text in [m.id, m.title, m.rationale, m.remediation, m.example] {
                words.extend(
                    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
                        .filter(|w| !w.is_empty())
                        .map(str::to_ascii_lowercase),
                );
            }
        }
        words
    });
    WORDS.contains(&part.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        marked_texts(s, &mut |t| out.push(t.into_owned()));
        out
    }

    #[test]
    fn marked_texts_include_arn_parts_and_json_strings() {
        let kms = texts("arn:aws:kms:us-east-1:111122223333:key/abcd-1234");
        for part in ["us-east-1", "111122223333", "key/abcd-1234", "abcd-1234"] {
            assert!(kms.iter().any(|t| t == part), "{part} not in {kms:?}");
        }
        let s3 = texts("arn:aws:s3:::bucket-x/logs/*");
        assert!(s3.iter().any(|t| t == "bucket-x"), "{s3:?}");
        let policy = texts(r#"{"Statement":[{"Sid":"Sid1x","Resource":"arn:aws:s3:::b-7"}]}"#);
        for part in ["Sid1x", "arn:aws:s3:::b-7", "b-7"] {
            assert!(policy.iter().any(|t| t == part), "{part} not in {policy:?}");
        }
        assert_eq!(texts("plain"), ["plain"]);
        // No fixed part: not `role`, `iam`, `aws`.
        let role = texts("arn:aws:iam::111122223333:role/ops/Deployer-7");
        for fixed in ["role", "iam", "aws", "arn"] {
            assert!(!role.iter().any(|t| t == fixed), "{fixed} in {role:?}");
        }
        assert!(role.iter().any(|t| t == "Deployer-7"), "{role:?}");
    }

    #[test]
    fn whole_tokens_only() {
        let at = |text: &str, part: &str| {
            let start = text.find(part).unwrap();
            whole_token(text, start, start + part.len(), false)
        };
        assert!(!at("`aws_iam_role_policy.q`", "role"));
        assert!(at("in `role`:", "role"));
        assert!(!at("prod-logs", "prod"));
        assert!(at("role/x", "role/"));
        assert!(at("a", "a"));
        assert!(whole_token("hunter2-vault-typo", 0, 13, true));
        assert!(!whole_token("hunter2-vaults", 0, 13, true));
    }
}
