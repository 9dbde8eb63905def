//! Renderers: pure functions from the model or findings to bytes. Findings
//! arrive sorted; reporters never re-sort or filter.

pub mod catalog;
pub mod check;
pub mod config;
pub mod escape;
pub mod github;
pub mod graph;
pub mod html;
pub mod human;
pub mod inventory;
pub mod json;
pub mod map;
pub mod markdown;
pub mod paths;
pub mod sarif;
