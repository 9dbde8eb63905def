//! The check that no value Terraform marks sensitive reaches any output: the
//! fixture tests and the fuzz targets run it on every input they load. It
//! runs the rules and renders every report format, so it sits above both.
//!
//! `leaks` looks for each marked text in every output format. A marked text
//! that also appears somewhere not marked (in an unmarked value, an address,
//! a file name, a rule's own text, or the reports' fixed text) proves nothing
//! when found in a report, so it is left out.

use crate::model::Model;
use crate::policy::Policy;
use crate::report::check::Report;
use crate::rules::finding::Finding;
use crate::rules::rule::Rule;
use crate::rules::sensitive::{each_string, marked_texts};
use std::collections::HashSet;

/// One marked text found in one output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    /// The output: `human`, `json`, `sarif`, `github`, `markdown`, `html`, `gitlab`, `junit`, `mermaid`, `dot`, `svg`, `inventory`.
    pub format: &'static str,
    pub secret: String,
}

/// Which marked texts `leaks` looks for.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    /// Shorter texts are left out: they turn up by chance.
    pub min_len: usize,
    /// Whether texts of letters alone count. A fuzzer marks words that the
    /// rules' own messages use ("replicates", "vault"), and a report showing
    /// them proves nothing; the fixtures' marked words are their own.
    pub words: bool,
}

impl Look {
    /// For fixtures: every marked text of four bytes or more.
    pub const FIXTURES: Look = Look {
        min_len: 4,
        words: true,
    };
    /// For fuzzing: marked texts of four bytes or more that are not plain words.
    pub const FUZZ: Look = Look {
        min_len: 4,
        words: false,
    };
}

/// Strings under a sensitive marker in the models that `look` asks for.
pub fn secrets(models: &[Model], look: Look) -> Vec<String> {
    let mut marked = Vec::new();
    let mut plain = Vec::new();
    for model in models {
        each_string(model, &mut |s, sensitive| {
            if sensitive {
                marked_texts(s, &mut |t| marked.push(t.into_owned()));
            } else {
                plain.push(s.to_string());
            }
        });
    }
    let mut public: Vec<String> = plain;
    for model in models {
        public.push(model.source.display().to_string());
        public.extend(model.stack.clone());
        // Not the notes: they go to stderr, and `leaks` looks in them.
        let evaluated = evaluated(model);
        for res in &model.resources {
            // Addresses tfward evaluated count without their instance keys:
            // a key made of a marked value is a leak (`leaks` looks for
            // one), not public text. Terraform writes no marked key in a plan.
            public.push(if evaluated {
                without_keys(&res.address)
            } else {
                res.address.clone()
            });
            public.push(res.r#type.clone());
            public.push(res.location.file.display().to_string());
            public.extend(res.location.construct_path.clone());
            public.push(res.placement.provider.clone());
            public.extend(res.refs.iter().map(|r| without_keys(&r.target)));
            public.extend(res.depends_on.iter().map(|d| without_keys(d)));
        }
        for p in &model.providers {
            public.push(p.key());
            public.extend(p.source.clone());
            public.extend(p.account_hint.clone());
        }
        for m in &model.modules {
            public.push(m.source.clone());
        }
        for s in &model.suppressions {
            public.push(s.reason.clone());
        }
    }
    for rule in crate::rules::RULES {
        let m = &rule.meta;
        public.extend(
            [m.id, m.title, m.rationale, m.remediation, m.example]
                .into_iter()
                .map(str::to_string),
        );
    }
    // The attribute paths rules quote from the KMS table are the rules' own
    // text too: schema names, which a marked block's keys merely repeat.
    public.extend(
        crate::rules::context::KMS
            .resources
            .values()
            .flatten()
            .cloned(),
    );
    marked.retain(|s| {
        s.len() >= look.min_len
            && (look.words || !s.chars().all(|c| c.is_alphabetic()))
            && !public.iter().any(|p| p.contains(s.as_str()))
    });
    marked.sort();
    marked.dedup();
    marked
}

/// Whether tfward evaluated the model's instance keys itself (not Terraform, in a plan or state).
fn evaluated(model: &Model) -> bool {
    !matches!(
        model.kind,
        crate::model::InputKind::Plan | crate::model::InputKind::State
    )
}

/// The address with each string instance key emptied: `a.b["k"].c` is `a.b[""].c`.
fn without_keys(address: &str) -> String {
    keys_and_rest(address).0
}

/// An address without its string instance keys, and those keys (as written, escapes included).
fn keys_and_rest(address: &str) -> (String, Vec<&str>) {
    let mut rest = String::with_capacity(address.len());
    let mut keys = Vec::new();
    let mut tail = address;
    while let Some(open) = tail.find("[\"") {
        rest.push_str(&tail[..open + 2]);
        let key = &tail[open + 2..];
        // The key ends at the first quote not escaped (keys are JSON strings).
        let mut end = key.len();
        let mut escaped = false;
        for (i, c) in key.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        keys.push(&key[..end]);
        tail = &key[end..];
    }
    rest.push_str(tail);
    (rest, keys)
}

/// Every output tfward makes of these findings and models: (format, text).
pub fn render_all(
    models: &[Model],
    findings: &[Finding],
    policy: &Policy,
    rules: &[Rule],
) -> Vec<(&'static str, String)> {
    use crate::report;
    let wires: Vec<Vec<crate::rules::wiring::Wire>> = models
        .iter()
        .map(|m| crate::rules::wiring::wires(&crate::rules::context::Context::new(m, policy)))
        .collect();
    let report = Report {
        findings,
        rules,
        policy,
        models,
        wires: &wires,
        threshold: policy.severity_threshold,
        show_suppressed: true,
    };
    let mut out = Vec::new();
    let mut render = |name: &'static str, write: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
        let mut bytes = Vec::new();
        // Writing to memory fails only on a renderer bug; the text so far is still checked.
        let _ = write(&mut bytes);
        out.push((name, String::from_utf8_lossy(&bytes).into_owned()));
    };
    let style = report::Style { color: false };
    render("human", &|b| report::human::write(&report, b, style));
    render("json", &|b| report::json::write(&report, b));
    render("sarif", &|b| report::sarif::write(&report, b));
    render("github", &|b| report::github::write(&report, b));
    render("markdown", &|b| report::markdown::write(&report, b));
    render("html", &|b| report::html::write(&report, b));
    render("gitlab", &|b| report::gitlab::write(&report, b));
    render("junit", &|b| report::junit::write(&report, b));
    render("inventory", &|b| {
        report::inventory::write(models, report::InventoryFormat::Human, true, b, style)?;
        report::inventory::write(models, report::InventoryFormat::Json, true, b, style)
    });
    let opts = report::graph::Options {
        all: true,
        fold: report::graph::Fold::Never,
    };
    let graph = report::graph::build(models, &wires, findings, opts);
    out.push(("mermaid", report::map::mermaid(&graph)));
    out.push(("dot", report::map::dot(&graph)));
    if graph.nodes.len() <= report::map::SVG_LAYOUT_LIMIT {
        out.push(("svg", report::map::svg(&graph)));
    }
    out
}

/// Marked texts of `models` that any output of `findings` shows. Texts
/// that `look` asks for are looked for; those the outputs show even
/// with every message blanked are the outputs' own words and left out.
pub fn leaks(
    models: &[Model],
    findings: &[Finding],
    policy: &Policy,
    rules: &[Rule],
    look: Look,
) -> Vec<Leak> {
    let secrets = secrets(models, look);
    if secrets.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    // Instance keys and notes, before the outputs' fixed text is set aside:
    // an address is in every output, and a note goes to stderr.
    let keys: HashSet<&str> = models
        .iter()
        .filter(|m| evaluated(m))
        .flat_map(|m| m.resources.iter())
        .flat_map(|r| keys_and_rest(&r.address).1)
        .collect();
    let notes: Vec<&str> = models
        .iter()
        .flat_map(|m| m.notes.iter().map(String::as_str))
        .collect();
    for s in &secrets {
        if keys.iter().any(|k| k.contains(s.as_str())) {
            out.push(Leak {
                format: "address",
                secret: s.to_string(),
            });
        }
        if notes.iter().any(|n| n.contains(s.as_str())) {
            out.push(Leak {
                format: "notes",
                secret: s.to_string(),
            });
        }
    }
    let blank: Vec<Finding> = findings
        .iter()
        .cloned()
        .map(|mut f| {
            f.message = "-".to_string();
            f
        })
        .collect();
    let fixed: Vec<String> = render_all(models, &blank, policy, rules)
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    let secrets: Vec<&String> = secrets
        .iter()
        .filter(|s| !fixed.iter().any(|t| t.contains(s.as_str())))
        .collect();
    // The fields a finding carries besides its message: checked directly,
    // because the blank render above cannot tell a leak in them from fixed text.
    for f in findings {
        let mut fields = vec![f.region.as_str(), f.address.as_str()];
        fields.extend(f.related.iter().map(|r| r.region.as_str()));
        fields.extend(f.suppressed.iter().map(|s| s.justification.as_str()));
        for s in &secrets {
            if fields.iter().any(|field| field.contains(s.as_str())) {
                out.push(Leak {
                    format: "finding",
                    secret: s.to_string(),
                });
            }
        }
    }
    for (format, text) in render_all(models, findings, policy, rules) {
        for s in &secrets {
            if text.contains(s.as_str()) {
                out.push(Leak {
                    format,
                    secret: s.to_string(),
                });
            }
        }
    }
    out.dedup();
    out
}

/// Runs `rules` on each model and returns what any output of the findings leaks.
pub fn check_models(models: &[Model], policy: &Policy, rules: &[Rule], look: Look) -> Vec<Leak> {
    let findings: Vec<Finding> = models
        .iter()
        .flat_map(|m| crate::rules::run(m, policy, rules))
        .collect();
    leaks(models, &findings, policy, rules, look)
}

/// What the fuzz targets assert of whatever loads: every rule with the
/// built-in policy, every output format, and no marked value in any of them.
#[doc(hidden)]
pub fn assert_no_leaks_for_fuzzing(models: &[Model]) {
    let policy = Policy::builtin();
    let leaks = check_models(models, &policy, crate::rules::RULES, Look::FUZZ);
    assert!(
        leaks.is_empty(),
        "sensitive values in the output: {leaks:?}"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_keys_of_an_address() {
        let (rest, keys) = keys_and_rest(r#"module.m["a\"]b"].x.y[0]["c"]"#);
        assert_eq!(rest, r#"module.m[""].x.y[0][""]"#);
        assert_eq!(keys, [r#"a\"]b"#, "c"]);
    }
}
