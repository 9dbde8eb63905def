//! The check that no value Terraform marks sensitive reaches any output: the
//! fixture tests and the fuzz targets run it on every input they load.
//!
//! A "secret" is a string under a `Value::Sensitive` marker (and each string
//! inside one that is JSON: a sensitive policy document's Sid, ARNs, principals).
//! A secret that also appears somewhere not marked (in an unmarked value, an
//! address, a file name, a rule's own text, or the reports' fixed text) proves
//! nothing when found in a report, so it is left out.

use crate::model::{Model, Value};
use crate::policy::Policy;
use crate::report::check::Report;
use crate::rules::{Finding, Rule};

/// One marked text found in one output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leak {
    /// The output: `human`, `json`, `sarif`, `github`, `markdown`, `html`, `mermaid`, `dot`, `svg`, `inventory`.
    pub format: &'static str,
    pub secret: String,
}

/// Strings under a sensitive marker in the models, at least `min_len` bytes long.
pub fn secrets(models: &[Model], min_len: usize) -> Vec<String> {
    let mut marked = Vec::new();
    let mut plain = Vec::new();
    for model in models {
        each_string(model, &mut |s, sensitive| {
            if sensitive {
                marked.push(s.to_string());
                // A marked JSON document: each of its strings is marked too.
                if let Ok(json) = serde_json::from_str::<serde_json::Value>(s.trim()) {
                    json_strings(&json, &mut marked);
                }
            } else {
                plain.push(s.to_string());
            }
        });
    }
    let mut public: Vec<String> = plain;
    for model in models {
        public.push(model.source.display().to_string());
        public.extend(model.stack.clone());
        public.extend(model.notes.iter().cloned());
        for res in &model.resources {
            public.push(res.address.clone());
            public.push(res.r#type.clone());
            public.push(res.location.file.display().to_string());
            public.extend(res.location.construct_path.clone());
            public.push(res.placement.provider.clone());
            public.extend(res.refs.iter().map(|r| r.target.clone()));
            public.extend(res.depends_on.iter().cloned());
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
    marked.retain(|s| s.len() >= min_len && !public.iter().any(|p| p.contains(s.as_str())));
    marked.sort();
    marked.dedup();
    marked
}

/// Every string of a model's values, with whether it is under a sensitive marker.
fn each_string(model: &Model, f: &mut dyn FnMut(&str, bool)) {
    fn walk(value: &Value, inside: bool, f: &mut dyn FnMut(&str, bool)) {
        match value {
            Value::Sensitive(inner) => walk(inner, true, f),
            Value::String(s) | Value::Partial(s) => f(s, inside),
            Value::List(items) => items.iter().for_each(|v| walk(v, inside, f)),
            Value::Map(map) => map.iter().for_each(|(k, v)| {
                f(k, false); // keys are the configuration's structure
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

fn json_strings(json: &serde_json::Value, out: &mut Vec<String>) {
    match json {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

/// Every output tfward makes of these findings and models: (format, text).
pub fn render_all(
    models: &[Model],
    findings: &[Finding],
    policy: &Policy,
    rules: &[&'static Rule],
) -> Vec<(&'static str, String)> {
    use crate::report;
    let report = Report {
        findings,
        rules,
        policy,
        models,
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
    let style = crate::Style { color: false };
    render("human", &|b| report::human::write(&report, b, style));
    render("json", &|b| report::json::write(&report, b));
    render("sarif", &|b| report::sarif::write(&report, b));
    render("github", &|b| report::github::write(&report, b));
    render("markdown", &|b| report::markdown::write(&report, b));
    render("html", &|b| report::html::write(&report, b));
    render("inventory", &|b| {
        report::inventory::write(models, crate::cli::InventoryFormat::Human, true, b, style)?;
        report::inventory::write(models, crate::cli::InventoryFormat::Json, true, b, style)
    });
    let opts = report::graph::Options {
        all: true,
        fold: report::graph::Fold::Never,
    };
    let graph = report::graph::build(models, policy, findings, opts);
    out.push(("mermaid", report::map::mermaid(&graph)));
    out.push(("dot", report::map::dot(&graph)));
    if graph.nodes.len() <= report::map::SVG_LAYOUT_LIMIT {
        out.push(("svg", report::map::svg(&graph)));
    }
    out
}

/// Marked texts of `models` that any output of `findings` shows. Texts
/// of at least `min_len` bytes are looked for; those the outputs show even
/// with every message blanked are the outputs' own words and left out.
pub fn leaks(
    models: &[Model],
    findings: &[Finding],
    policy: &Policy,
    rules: &[&'static Rule],
    min_len: usize,
) -> Vec<Leak> {
    let secrets = secrets(models, min_len);
    if secrets.is_empty() {
        return Vec::new();
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
    let mut out = Vec::new();
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
pub fn check_models(
    models: &[Model],
    policy: &Policy,
    rules: &[&'static Rule],
    min_len: usize,
) -> Vec<Leak> {
    let findings: Vec<Finding> = models
        .iter()
        .flat_map(|m| crate::rules::run(m, policy, rules))
        .collect();
    leaks(models, &findings, policy, rules, min_len)
}
