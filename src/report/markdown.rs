//! `--format markdown`: a report for a pull-request comment or
//! `$GITHUB_STEP_SUMMARY`: totals by severity and by rule, findings grouped
//! by resource (long parts folded in `<details>`), and the Mermaid region map.

use super::check::Report;
use super::escape::xml as html;
use super::graph::{self, Fold, Graph, Options};
use crate::rules::finding::Finding;
use crate::rules::meta::Severity;
use std::io::{self, Write};

/// GitHub refuses comments (and step summaries) longer than this many characters.
pub const GITHUB_LIMIT: usize = 65_536;
/// GitHub's Mermaid refuses diagrams above 50,000 characters or 500 edges.
const MERMAID_TEXT_LIMIT: usize = 40_000;
const MERMAID_EDGE_LIMIT: usize = 500;
/// A message longer than this shows its first sentence, the rest in `<details>`.
const SHORT_MESSAGE: usize = 240;

/// Markdown text with `code` spans kept and HTML outside them neutralised,
/// on one line with `##[` broken (`escape_line`): the report is also printed
/// on stdout, which a runner reads for workflow commands.
fn inline(text: &str) -> String {
    let text = text
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                part.to_string()
            } else {
                super::escape::markup_text(part)
            }
        })
        .collect::<Vec<_>>()
        .join("`");
    crate::output::escape_line(&text).into_owned()
}

/// An input-derived text as a code span: escaped to one line, and fenced
/// with two backticks when it holds one.
fn code(text: &str) -> String {
    let text = crate::output::escape_line(text);
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// A table cell: one line, and a `|` that cannot end the cell.
fn cell(text: &str) -> String {
    crate::output::escape_line(text).replace('|', "\\|")
}

/// The first sentence of a long message (cut at a character boundary).
fn first_sentence(text: &str) -> String {
    let cut = text
        .find(": ")
        .filter(|&i| i > 20 && i < SHORT_MESSAGE)
        .unwrap_or(SHORT_MESSAGE.min(text.len()));
    let mut end = cut;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

fn finding_text(f: &Finding) -> String {
    // Listed with `--show-suppressed`: struck through and saying why, so
    // nobody reads it as a finding that counts.
    if let Some(s) = &f.suppressed {
        return format!(
            "- ~~{} {}~~ _{}_: {}\n",
            f.severity,
            code(f.rule),
            inline(&s.describe()),
            inline(&f.message)
        );
    }
    let head = format!("**{}** {}", f.severity, code(f.rule));
    if f.message.chars().count() <= SHORT_MESSAGE && f.related.is_empty() {
        return format!("- {head}: {}\n", inline(&f.message));
    }
    let mut out = format!(
        "- <details><summary><b>{}</b> <code>{}</code>: {}</summary>\n\n",
        f.severity,
        html(f.rule),
        super::html::message_html(&if f.message.chars().count() <= SHORT_MESSAGE {
            f.message.clone()
        } else {
            first_sentence(&f.message)
        })
    );
    out.push_str(&format!("  {}\n\n", inline(&f.message)));
    for r in &f.related {
        out.push_str(&format!(
            "  - {} {} ({}) {}\n",
            inline(r.role),
            code(&r.address),
            inline(&r.region),
            code(&r.location.to_string())
        ));
    }
    out.push_str("\n  </details>\n");
    out
}

/// The map as Mermaid, folded when GitHub could not render it whole.
pub fn mermaid_for_github(report: &Report) -> (Graph, String) {
    let mut g = graph::build(
        report.models,
        report.wires,
        report.findings,
        Options {
            all: false,
            fold: Fold::Auto,
        },
    );
    let mut text = super::map::mermaid(&g);
    if !g.folded && (text.len() > MERMAID_TEXT_LIMIT || g.edges.len() > MERMAID_EDGE_LIMIT) {
        g = graph::fold_graph(g);
        text = super::map::mermaid(&g);
    }
    (g, text)
}

pub fn write(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    let mut head = String::new();
    head.push_str("### tfward\n\n");
    let active: Vec<&Finding> = report.active().collect();
    let verdict = if report.failed() { "failed" } else { "passed" };
    let suppressed = match report.suppressed_count() {
        0 => String::new(),
        n => format!(", {n} suppressed"),
    };
    head.push_str(&format!(
        "**{} finding{}** — {verdict} (threshold `{}`), {} rules checked{suppressed}\n\n",
        active.len(),
        if active.len() == 1 { "" } else { "s" },
        report.threshold,
        report.rules.len()
    ));
    if !active.is_empty() {
        let counts = report.counts_by_severity();
        head.push_str("| severity | findings |\n|---|---:|\n");
        for s in [
            Severity::Critical,
            Severity::High,
            Severity::Medium,
            Severity::Low,
        ] {
            if let Some(n) = counts.get(&s) {
                head.push_str(&format!("| {s} | {n} |\n"));
            }
        }
        head.push_str("\n| rule | severity | findings |\n|---|---|---:|\n");
        for (rule, n) in report.counts_by_rule() {
            let severity = active
                .iter()
                .filter(|f| f.rule == rule)
                .map(|f| f.severity)
                .max()
                .map_or(String::new(), |s| s.to_string());
            head.push_str(&format!("| {} | {severity} | {n} |\n", cell(&code(rule))));
        }
        head.push('\n');
    }

    let (g, mermaid) = mermaid_for_github(report);
    let mut map = String::new();
    if !g.nodes.is_empty() {
        map.push_str("#### Region map\n\n");
        map.push_str(&format!("{}.\n\n", inline(&g.summary())));
        let open = if g.nodes.len() <= 60 { " open" } else { "" };
        map.push_str(&format!(
            "<details{open}><summary>Map: a box per region, wires between resources; dotted magenta wires cross a region</summary>\n\n```mermaid\n{mermaid}```\n\n</details>\n\n"
        ));
    }

    // Findings grouped by resource; what does not fit the comment is cut with a note.
    // With `--show-suppressed` the suppressed ones are listed too, marked.
    let active = report.shown();
    let mut groups: Vec<String> = Vec::new();
    let mut i = 0;
    while i < active.len() {
        let first = active[i];
        let end = active[i..]
            .iter()
            .position(|f| f.address != first.address || f.location.file != first.location.file)
            .map_or(active.len(), |n| i + n);
        let title = if first.address.is_empty() {
            "(configuration)".to_string()
        } else {
            code(&first.address)
        };
        let mut text = format!(
            "**{title}** · {} · {}{}\n\n",
            inline(&first.region),
            code(&first.location.to_string()),
            first
                .location
                .construct_path
                .as_ref()
                .map_or(String::new(), |p| format!(" · {}", code(p)))
        );
        for f in &active[i..end] {
            text.push_str(&finding_text(f));
        }
        text.push('\n');
        groups.push(text);
        i = end;
    }
    let mut body = String::new();
    if !groups.is_empty() {
        body.push_str("#### Findings by resource\n\n");
    }
    let reserve = head.len() + map.len() + 400;
    let mut cut = 0;
    for (n, group) in groups.iter().enumerate() {
        if reserve + body.len() + group.len() > GITHUB_LIMIT {
            cut = groups.len() - n;
            break;
        }
        body.push_str(group);
    }
    if cut > 0 {
        body.push_str(&format!(
            "> **{cut} more resource{} with findings not shown**: GitHub comments hold at most {GITHUB_LIMIT} characters. \
             `tfward check --format html` writes the whole report.\n\n",
            if cut == 1 { "" } else { "s" }
        ));
    }
    let mut text = head;
    text.push_str(&body);
    if text.len() + map.len() <= GITHUB_LIMIT {
        text.push_str(&map);
    } else {
        text.push_str(
            "_The region map does not fit in a comment: `tfward map --format svg` draws it._\n",
        );
    }
    out.write_all(text.as_bytes())
}
