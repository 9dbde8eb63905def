//! JSON templates: serde_json reads the values (its depth limit bounds
//! nesting); jsonc-parser's syntax tree (`text::json`) gives the lines of the
//! logical IDs and finds duplicate keys, which serde_json silently drops.

use super::node::{Entry, Kind, Node};
use super::yaml::Failure;
use crate::text::json::{JsonPositions, Step};

pub fn read(text: &str) -> Result<Node, Failure> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        (
            u32::try_from(e.line()).unwrap_or(0).max(1),
            format!("invalid JSON: {}", crate::error::plain_serde_message(&e)),
        )
    })?;
    let positions = JsonPositions::new(text);
    if let Some((key, first, second)) = positions.duplicate_key() {
        return Err((
            second,
            format!("duplicate key {key:?} (lines {first} and {second})"),
        ));
    }
    let mut root = node(value);
    root.line = 1;
    // Logical IDs carry their lines; serde_json sorts keys, so the
    // resources go back to document order.
    for section in ["Resources", "Parameters", "Outputs", "Conditions"] {
        if let Some(Entry {
            value: Node {
                kind: Kind::Map(entries),
                ..
            },
            line,
            ..
        }) = entries_mut(&mut root).and_then(|e| e.iter_mut().find(|e| e.key == section))
        {
            *line = positions.line(&[Step::Key(section)]).unwrap_or(0);
            for entry in entries.iter_mut() {
                entry.line = positions
                    .line(&[Step::Key(section), Step::Key(&entry.key)])
                    .unwrap_or(0);
                entry.value.line = entry.line;
            }
            entries.sort_by_key(|e| e.line);
        }
    }
    Ok(root)
}

fn entries_mut(node: &mut Node) -> Option<&mut Vec<Entry>> {
    match &mut node.kind {
        Kind::Map(entries) => Some(entries),
        _ => None,
    }
}

fn node(value: serde_json::Value) -> Node {
    use serde_json::Value as J;
    let kind = match value {
        J::Null => Kind::Null,
        J::Bool(b) => Kind::Bool(b),
        J::Number(n) => match n.as_f64() {
            Some(f) => Kind::Number(f),
            None => Kind::String(n.to_string()),
        },
        J::String(s) => Kind::String(s),
        J::Array(items) => Kind::List(items.into_iter().map(node).collect()),
        J::Object(map) => Kind::Map(
            map.into_iter()
                .map(|(key, value)| Entry {
                    key,
                    line: 0,
                    value: node(value),
                })
                .collect(),
        ),
    };
    Node::plain(kind, 0)
}
