//! Renderers: pure functions from the model or findings to bytes. Findings
//! arrive sorted; reporters never re-sort or filter. The output formats and
//! the style are declared here, beside the renderers; `cli` offers them as flags.

pub mod catalog;
pub mod check;
pub mod config;
pub mod escape;
pub mod github;
pub mod gitlab;
pub mod graph;
pub mod html;
pub mod human;
pub mod inventory;
pub mod json;
pub mod junit;
pub mod map;
pub mod markdown;
pub mod paths;
pub mod sarif;

use crate::output::Escapes;
use clap::ValueEnum;

/// How output is styled; decided once in `main`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub color: bool,
}

/// The formats of a check report (`tfward check`, `tfward plan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Human,
    Json,
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// A Markdown report with the region map (pull-request comments, job summaries).
    Markdown,
    /// One self-contained HTML page: summary, filterable findings, the SVG region map.
    Html,
    /// GitLab Code Quality (`artifacts: reports: codequality`), shown in merge requests.
    Gitlab,
    /// JUnit XML: a test suite per rule, a failing test case per finding (Jenkins, Azure DevOps, GitLab).
    Junit,
}

impl CheckFormat {
    /// How a report in this format escapes what [`crate::output::LineFilter`]
    /// breaks; `None` for the github format, which is tfward's own workflow
    /// commands (with the input percent-encoded in them) and must reach the
    /// runner as such.
    pub fn escapes(self) -> Option<Escapes> {
        match self {
            CheckFormat::Github => None,
            CheckFormat::Json | CheckFormat::Sarif | CheckFormat::Gitlab => Some(Escapes::Json),
            CheckFormat::Html | CheckFormat::Junit => Some(Escapes::Markup),
            CheckFormat::Human | CheckFormat::Markdown => Some(Escapes::Text),
        }
    }
}

/// The formats of the rule catalogue (`tfward rules`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Human,
    Json,
    Markdown,
}

impl RulesFormat {
    /// How the catalogue in this format escapes what [`crate::output::LineFilter`] breaks.
    pub fn escapes(self) -> Escapes {
        match self {
            RulesFormat::Json => Escapes::Json,
            RulesFormat::Human | RulesFormat::Markdown => Escapes::Text,
        }
    }
}

/// The formats of the region map (`tfward map`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MapFormat {
    Mermaid,
    Dot,
    Svg,
}

impl MapFormat {
    /// How a map in this format escapes what [`crate::output::LineFilter`] breaks.
    pub fn escapes(self) -> Escapes {
        match self {
            MapFormat::Svg => Escapes::Markup,
            MapFormat::Mermaid | MapFormat::Dot => Escapes::Text,
        }
    }
}

/// The formats of the resource inventory (`tfward inventory`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InventoryFormat {
    Human,
    Json,
}

impl InventoryFormat {
    /// How the inventory in this format escapes what [`crate::output::LineFilter`] breaks.
    pub fn escapes(self) -> Escapes {
        match self {
            InventoryFormat::Json => Escapes::Json,
            InventoryFormat::Human => Escapes::Text,
        }
    }
}
