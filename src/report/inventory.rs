//! `tfward inventory`: every resource with its provider configuration and region.

use super::{InventoryFormat, Style};
use crate::model::{Model, Region, Resource};
use crate::output::escape_line as esc;
use owo_colors::OwoColorize;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Row<'a> {
    address: &'a str,
    #[serde(rename = "type")]
    r#type: &'a str,
    mode: &'a str,
    provider: &'a str,
    region: String,
    region_source: &'a str,
    file: String,
    line: Option<u32>,
}

fn row(res: &Resource) -> Row<'_> {
    Row {
        address: &res.address,
        r#type: res.shown_type(),
        mode: res.mode.as_str(),
        provider: &res.placement.provider,
        region: res.placement.region_text().to_string(),
        region_source: &res.placement.source,
        file: res.location.file.display().to_string(),
        line: res.location.line,
    }
}

pub fn write(
    models: &[Model],
    format: InventoryFormat,
    why: bool,
    out: &mut dyn Write,
    style: Style,
) -> io::Result<()> {
    match format {
        InventoryFormat::Json => {
            #[derive(Serialize)]
            struct Doc<'a> {
                resources: Vec<Row<'a>>,
            }
            let doc = Doc {
                resources: models
                    .iter()
                    .flat_map(|m| m.resources.iter().map(row))
                    .collect(),
            };
            let text = serde_json::to_string_pretty(&doc).map_err(io::Error::other)?;
            out.write_all(crate::output::escape_json(text).as_bytes())?;
            writeln!(out)
        }
        InventoryFormat::Human => write_human(models, why, out, style),
    }
}

fn write_human(models: &[Model], why: bool, out: &mut dyn Write, style: Style) -> io::Result<()> {
    for (i, model) in models.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let mut title = format!("{} ({}", model.source.display(), model.kind.as_str());
        if let Some(stack) = &model.stack {
            title.push_str(&format!(", stack {stack}"));
        }
        title.push(')');
        // Input-derived text, escaped: a runner reads stdout for workflow commands.
        let title = esc(&title).into_owned();
        if style.color {
            writeln!(out, "{}", title.bold())?;
        } else {
            writeln!(out, "{title}")?;
        }
        let mut rows: Vec<[String; 5]> = vec![[
            "ADDRESS".into(),
            "PROVIDER".into(),
            "REGION".into(),
            "WHERE".into(),
            if why { "WHY".into() } else { String::new() },
        ]];
        for res in &model.resources {
            let place = res
                .location
                .construct_path
                .clone()
                .unwrap_or_else(|| res.location.to_string());
            rows.push([
                esc(&res.address).into_owned(),
                esc(&res.placement.provider).into_owned(),
                esc(&res.placement.region_text().to_string()).into_owned(),
                esc(&place).into_owned(),
                if why {
                    esc(&res.placement.source).into_owned()
                } else {
                    String::new()
                },
            ]);
        }
        let widths: Vec<usize> = (0..4)
            .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
            .collect();
        for (n, r) in rows.iter().enumerate() {
            let mut line = String::new();
            for c in 0..4 {
                let cell = format!("{:width$}", r[c], width = widths[c]);
                let cell = if !style.color {
                    cell
                } else if n == 0 {
                    cell.bold().to_string()
                } else if c == 2 {
                    match model.resources[n - 1].placement.region {
                        Region::Known(_) => cell.green().to_string(),
                        Region::Global => cell.cyan().to_string(),
                        Region::Unknown => cell.yellow().to_string(),
                        Region::NotApplicable => cell.dimmed().to_string(),
                    }
                } else {
                    cell
                };
                line.push_str(&cell);
                line.push_str("  ");
            }
            line.push_str(&r[4]);
            writeln!(out, "{}", line.trim_end())?;
        }
        let count = model.resources.len();
        let unknown = model
            .resources
            .iter()
            .filter(|r| r.placement.region == Region::Unknown)
            .count();
        writeln!(
            out,
            "{count} resource{}, {unknown} with unknown region",
            if count == 1 { "" } else { "s" }
        )?;
    }
    Ok(())
}
