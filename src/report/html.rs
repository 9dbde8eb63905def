//! `--format html`: one self-contained page (inline CSS, JS and SVG; no
//! network at all): the summary, a findings table that filters by severity,
//! rule and region, and the SVG region map.
//!
//! Filters live in the URL hash too (`report.html#severity=high&region=eu-central-1`),
//! so a filtered view can be linked; the hash and the select boxes go through
//! one function, `applyFilters`.

use super::check::Report;
use super::escape::xml as esc;
use super::graph::{self, Fold, Options};
use crate::rules::finding::Finding;
use crate::rules::meta::Severity;
use std::collections::BTreeSet;
use std::io::{self, Write};

const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; margin: 24px; color: #0f172a; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; }
.verdict { font-weight: 600; }
.failed { color: #b91c1c; }
.passed { color: #15803d; }
.totals { display: flex; gap: 8px; flex-wrap: wrap; margin: 12px 0; }
.badge { border-radius: 6px; padding: 4px 10px; font-weight: 600; border: 1px solid #cbd5e1; }
.sev-critical { background: #ef4444; color: #000; }
.sev-high { background: #fca5a5; color: #000; }
.sev-medium { background: #fde68a; color: #000; }
.sev-low { background: #bfdbfe; color: #000; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
#findings { table-layout: fixed; }
#findings th:nth-child(1) { width: 72px; }
#findings th:nth-child(2) { width: 210px; }
#findings th:nth-child(3) { width: 22%; }
#findings th:nth-child(4) { width: 110px; }
#findings th:nth-child(5) { width: 16%; }
#findings td, #suppressed td { overflow-wrap: anywhere; }
#suppressed { opacity: 0.75; }
.suppressed { font-style: italic; }
th, td { border-bottom: 1px solid #e2e8f0; padding: 6px 8px; text-align: left; vertical-align: top; }
th { background: #f1f5f9; position: sticky; top: 0; }
td.sev { font-weight: 600; white-space: nowrap; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.filters { display: flex; gap: 16px; align-items: center; flex-wrap: wrap; margin: 8px 0 12px; }
.filters label { font-size: 13px; }
#visible-count { font-size: 13px; color: #475569; }
.rules td:last-child { text-align: right; }
.map svg { max-width: 100%; height: auto; }
.map.actual svg { max-width: none; }
.map svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
.map { overflow: auto; border: 1px solid #e2e8f0; border-radius: 8px; padding: 8px; max-height: 900px; }
.note { color: #475569; font-size: 13px; }
details summary { cursor: pointer; }
"#;

const SCRIPT: &str = r#"
(function () {
  'use strict';
  var keys = ['severity', 'rule', 'region'];
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr.finding'));
  var count = document.getElementById('visible-count');
  function box(key) { return document.getElementById('filter-' + key); }
  function stateFromHash() {
    var state = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (part) {
      var eq = part.indexOf('=');
      if (eq < 0) { return; }
      var key = decodeURIComponent(part.slice(0, eq));
      if (keys.indexOf(key) >= 0) { state[key] = decodeURIComponent(part.slice(eq + 1)).toLowerCase(); }
    });
    return state;
  }
  function stateFromBoxes() {
    var state = {};
    keys.forEach(function (key) { state[key] = box(key).value; });
    return state;
  }
  // The one place filters are applied: from the hash and from the select boxes.
  function applyFilters(state) {
    keys.forEach(function (key) {
      var wanted = state[key] || '';
      var known = Array.prototype.some.call(box(key).options, function (o) { return o.value === wanted; });
      box(key).value = known ? wanted : '';
    });
    var shown = 0;
    rows.forEach(function (row) {
      var visible = keys.every(function (key) {
        var value = box(key).value;
        return value === '' || row.getAttribute('data-' + key) === value;
      });
      row.hidden = !visible;
      if (visible) { shown += 1; }
    });
    count.textContent = shown + ' of ' + rows.length + ' findings shown';
    count.setAttribute('data-visible', String(shown));
    var hash = keys.filter(function (key) { return box(key).value !== ''; })
      .map(function (key) { return key + '=' + encodeURIComponent(box(key).value); }).join('&');
    if (hash !== location.hash.replace(/^#/, '')) {
      try { history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search); } catch (e) { /* a file: URL may refuse; the filter still applies */ }
    }
  }
  keys.forEach(function (key) {
    box(key).addEventListener('change', function () { applyFilters(stateFromBoxes()); });
  });
  window.addEventListener('hashchange', function () { applyFilters(stateFromHash()); });
  var actual = document.getElementById('map-actual');
  if (actual) {
    actual.addEventListener('change', function () {
      document.getElementById('map').classList.toggle('actual', actual.checked);
    });
  }
  applyFilters(stateFromHash());
})();
"#;

fn options(id: &str, label: &str, values: &BTreeSet<String>) -> String {
    let mut out = format!(
        "<label for=\"filter-{id}\">{label} <select id=\"filter-{id}\"><option value=\"\">all</option>"
    );
    for v in values {
        out.push_str(&format!("<option value=\"{0}\">{0}</option>", esc(v)));
    }
    out.push_str("</select></label>");
    out
}

/// Message text with `code` spans as `<code>`; everything escaped (also the
/// Markdown report's `<summary>` lines).
pub(super) fn message_html(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            out.push_str(&format!("<code>{}</code>", esc(part)));
        } else {
            out.push_str(&esc(part));
        }
    }
    out
}

fn row(f: &Finding) -> String {
    let place = match &f.location.construct_path {
        Some(path) => format!(
            "{}<br><code>{}</code>",
            esc(&f.location.to_string()),
            esc(path)
        ),
        None => esc(&f.location.to_string()),
    };
    let mut message = message_html(&f.message);
    if let Some(s) = &f.suppressed {
        message.push_str(&format!(
            "<br><span class=\"suppressed\">{}</span>",
            esc(&s.describe())
        ));
    }
    if !f.related.is_empty() {
        message.push_str(&format!(
            "<details><summary>{} related</summary><ul>",
            f.related.len()
        ));
        for r in &f.related {
            message.push_str(&format!(
                "<li>{} <code>{}</code> ({}) {}</li>",
                esc(r.role),
                esc(&r.address),
                esc(&r.region),
                esc(&r.location.to_string())
            ));
        }
        message.push_str("</ul></details>");
    }
    let address = if f.address.is_empty() {
        "(configuration)".to_string()
    } else {
        f.address.clone()
    };
    format!(
        "<tr class=\"finding\" data-severity=\"{sev}\" data-rule=\"{rule}\" data-region=\"{region}\"><td class=\"sev sev-{sev}\">{sev}</td><td><code>{rule}</code></td><td><code>{address}</code></td><td>{region}</td><td>{place}</td><td>{message}</td></tr>\n",
        sev = f.severity,
        rule = esc(f.rule),
        region = esc(&f.region),
        address = esc(&address),
    )
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let active: Vec<&Finding> = report.active().collect();
    let mut page = String::new();
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>tfward report</title>\n");
    page.push_str(&format!("<style>{STYLE}</style>\n</head>\n<body>\n"));
    let (verdict, class) = if report.failed() {
        ("failed", "failed")
    } else {
        ("passed", "passed")
    };
    let inputs: Vec<String> = report
        .models
        .iter()
        .map(|m| match &m.stack {
            Some(stack) => format!("{} (stack {stack})", m.source.display()),
            None => m.source.display().to_string(),
        })
        .collect();
    page.push_str(&format!(
        "<h1>tfward report</h1>\n<p><span class=\"verdict {class}\">{verdict}</span> (threshold {}): <b id=\"total\">{}</b> finding{} from {} rules on {}</p>\n",
        report.threshold,
        active.len(),
        if active.len() == 1 { "" } else { "s" },
        report.rules.len(),
        esc(&inputs.join(", "))
    ));

    page.push_str("<div class=\"totals\">");
    let counts = report.counts_by_severity();
    for s in [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ] {
        page.push_str(&format!(
            "<span class=\"badge sev-{s}\">{s}: {}</span>",
            counts.get(&s).copied().unwrap_or(0)
        ));
    }
    page.push_str("</div>\n");
    if !active.is_empty() {
        page.push_str("<details><summary>Findings by rule</summary><table class=\"rules\"><thead><tr><th>rule</th><th>title</th><th>findings</th></tr></thead><tbody>");
        for (rule, n) in report.counts_by_rule() {
            let title = active
                .iter()
                .find(|f| f.rule == rule)
                .map_or("", |f| f.title);
            page.push_str(&format!(
                "<tr><td><code>{}</code></td><td>{}</td><td>{n}</td></tr>",
                esc(rule),
                esc(title)
            ));
        }
        page.push_str("</tbody></table></details>\n");
    }

    page.push_str("<h2>Findings</h2>\n<div class=\"filters\">");
    let set = |get: &dyn Fn(&Finding) -> String| -> BTreeSet<String> {
        active.iter().map(|f| get(f)).collect()
    };
    // Severities worst first, as people scan them.
    let mut severities: Vec<Severity> = active.iter().map(|f| f.severity).collect();
    severities.sort_by(|a, b| b.cmp(a));
    severities.dedup();
    page.push_str("<label for=\"filter-severity\">severity <select id=\"filter-severity\"><option value=\"\">all</option>");
    for s in severities {
        page.push_str(&format!("<option value=\"{s}\">{s}</option>"));
    }
    page.push_str("</select></label>");
    page.push_str(&options("rule", "rule", &set(&|f| f.rule.to_string())));
    page.push_str(&options("region", "region", &set(&|f| f.region.clone())));
    // Empty until the script counts: a page whose script failed shows no count.
    page.push_str("<span id=\"visible-count\"></span></div>\n");
    page.push_str("<table id=\"findings\"><thead><tr><th>severity</th><th>rule</th><th>resource</th><th>region</th><th>where</th><th>finding</th></tr></thead><tbody>\n");
    for f in &active {
        page.push_str(&row(f));
    }
    page.push_str("</tbody></table>\n");
    if active.is_empty() {
        page.push_str("<p class=\"note\">No findings.</p>\n");
    }
    // `--show-suppressed`: a table of their own, outside the filters and counts.
    let suppressed: Vec<&Finding> = report
        .shown()
        .into_iter()
        .filter(|f| f.suppressed.is_some())
        .collect();
    if !suppressed.is_empty() {
        page.push_str(&format!(
            "<h2>Suppressed findings ({})</h2>\n",
            suppressed.len()
        ));
        page.push_str("<table id=\"suppressed\"><thead><tr><th>severity</th><th>rule</th><th>resource</th><th>region</th><th>where</th><th>finding</th></tr></thead><tbody>\n");
        for f in &suppressed {
            page.push_str(&row(f));
        }
        page.push_str("</tbody></table>\n");
    }

    let g = graph::build(
        report.models,
        report.wires,
        report.findings,
        Options {
            all: false,
            fold: Fold::Auto,
        },
    );
    page.push_str("<h2>Region map</h2>\n");
    page.push_str(&format!(
        "<p class=\"note\">{}. {}.</p>\n",
        esc(&g.summary()),
        esc(super::map::LEGEND)
    ));
    if g.nodes.is_empty() {
        page.push_str("<p class=\"note\">Nothing to draw.</p>\n");
    } else {
        // Inline SVG needs no namespace declaration: the page names no URL at all.
        let svg = super::map::svg_with(&g, false).replacen(
            " xmlns=\"http://www.w3.org/2000/svg\"",
            "",
            1,
        );
        page.push_str("<p><label><input type=\"checkbox\" id=\"map-actual\"> actual size (scroll)</label></p>\n<div class=\"map\" id=\"map\">\n");
        page.push_str(&svg);
        page.push_str("</div>\n");
    }
    page.push_str(&format!("<script>{SCRIPT}</script>\n</body>\n</html>\n"));
    out.write_all(page.as_bytes())
}
